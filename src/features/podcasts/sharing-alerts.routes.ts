import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.js';
import { sendPage } from '../../web/render.js';
import { adminPageContext } from '../admin/admin-context.js';
import { currentAdmin, requireAdmin } from '../auth/sessions.js';
import { ALERT_DECISIONS, decideAlert, listOpenAlerts, listSuspendedFeeds, reactivateFeed } from './sharing-alerts.js';
import { SharingAlertsPage } from './sharing-alerts.page.js';

const DONE = ['suspend', 'rotate', 'ignore', 'reactivate', 'stale'] as const;

/** Sharing alerts: suspend, rotate or ignore each; reactivate a suspended feed. */
export function registerSharingAlertRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;
  const guard = { preHandler: requireAdmin(services) };
  const actor = (req: FastifyRequest) => currentAdmin(req).user.email;

  app.get(
    '/admin/podcasts/alerts',
    { ...guard, schema: { querystring: z.object({ done: z.enum(DONE).optional().catch(undefined) }) } },
    async (req, reply) => {
      const [ctx, alerts, suspended] = await Promise.all([
        adminPageContext(req, reply, services),
        listOpenAlerts(db),
        listSuspendedFeeds(db),
      ]);
      const notice = req.query.done ? ctx.t(`podcasts.admin.alerts.done.${req.query.done}`) : undefined;
      return sendPage(reply, SharingAlertsPage({ ctx, alerts, suspended, notice }));
    },
  );

  app.post(
    '/admin/podcasts/alerts/:alertId/:decision',
    { ...guard, schema: { params: z.object({ alertId: z.uuid(), decision: z.enum(ALERT_DECISIONS) }) } },
    async (req, reply) => {
      const { alertId, decision } = req.params;
      const decided = await decideAlert(db, services.config.sessionSecret, alertId, decision, actor(req));
      return reply.redirect(`/admin/podcasts/alerts?done=${decided ? decision : 'stale'}`, 303);
    },
  );

  app.post(
    '/admin/podcasts/feeds/:feedId/reactivate',
    { ...guard, schema: { params: z.object({ feedId: z.uuid() }) } },
    async (req, reply) => {
      const done = (await reactivateFeed(db, req.params.feedId, actor(req))) ? 'reactivate' : 'stale';
      return reply.redirect(`/admin/podcasts/alerts?done=${done}`, 303);
    },
  );
}
