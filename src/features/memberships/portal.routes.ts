import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import type { Services } from '../../services.js';
import { pageContext } from '../../web/context.js';
import { notFound } from '../../web/errors.js';
import type { MessageKey } from '../../web/messages.js';
import { sendPage } from '../../web/render.js';
import { currentCustomer, requireCustomer } from '../library/sessions.js';
import { unsubscribePath } from '../newsletter/unsubscribe-links.js';
import { loadMemberAccess } from './access.js';
import { confirmCancelLink, isCancelLinkUsable, resumeSubscription, sendCancelLink } from './cancel-subscription.js';
import { changePlan } from './change-plan.js';
import { findOwnSubscription, loadPortal } from './load-portal.js';
import { CancelConfirmPage, CancelLinkPage, PortalPage } from './portal.page.js';
import { listTiers } from './tiers.js';

const idParams = z.object({ id: z.uuid() });
const tokenParams = z.object({ token: z.string().max(200) });
const NOTICES = ['linkSent', 'resumed', 'changed', 'unchanged'] as const;
const ERRORS = ['notApplicable', 'plan', 'stripe'] as const;
const portalQuery = z.object({
  notice: z.enum(NOTICES).optional().catch(undefined),
  error: z.enum(ERRORS).optional().catch(undefined),
});
const planBody = z.object({ plan: z.string().max(250).default('') });

/** The free tier, when this address is a member of it (double opt-in done, or paying). */
async function freeTierOf(db: Kysely<DB>, email: string) {
  const access = await loadMemberAccess(db, email, new Date());
  if (!access.member || !access.freeTierId) return undefined;
  return (await listTiers(db)).find((t) => t.id === access.freeTierId);
}

/** The member portal inside the customer library (signed in by the library's magic link). */
export function registerPortalRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;
  const guard = { preHandler: requireCustomer(services) };
  const ctxOf = (req: FastifyRequest, reply: FastifyReply) => pageContext(req, reply, services);

  /** This address's subscription, or 404 (another member's is never revealed). */
  async function own(req: FastifyRequest, id: string) {
    const sub = await findOwnSubscription(db, currentCustomer(req).email, id);
    if (!sub) throw notFound('Subscription not found');
    return sub;
  }

  app.get('/library/membership', { ...guard, schema: { querystring: portalQuery } }, async (req, reply) => {
    const ctx = await ctxOf(req, reply);
    const { email } = currentCustomer(req);
    const [portal, freeTier] = await Promise.all([loadPortal(db, email), freeTierOf(db, email)]);
    const { notice, error } = req.query;
    return sendPage(
      reply,
      PortalPage({
        ctx,
        email,
        portal,
        notice: notice ? ctx.t(`memberships.portal.notice.${notice}` as MessageKey) : undefined,
        newsletterPath: portal.member ? unsubscribePath(services.config.sessionSecret, portal.member.id) : undefined,
        freeTier,
        error: error ? ctx.t(`memberships.portal.error.${error}` as MessageKey) : undefined,
      }),
    );
  });

  app.get('/library/membership/:id/cancel', { ...guard, schema: { params: idParams } }, async (req, reply) => {
    const sub = await own(req, req.params.id);
    const portal = await loadPortal(db, currentCustomer(req).email);
    const item = portal.subscriptions.find((s) => s.sub.id === sub.id);
    if (!item) throw notFound('Subscription not found');
    return sendPage(reply, CancelConfirmPage({ ctx: await ctxOf(req, reply), item }));
  });

  app.post(
    '/library/membership/:id/cancel',
    { ...guard, schema: { params: idParams }, config: { rateLimit: { max: 10, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const sub = await own(req, req.params.id);
      const ctx = await ctxOf(req, reply);
      const sent = await sendCancelLink(services, sub.id, ctx.locale);
      return reply.redirect(`/library/membership?${sent ? 'notice=linkSent' : 'error=notApplicable'}`, 303);
    },
  );

  app.post('/library/membership/:id/resume', { ...guard, schema: { params: idParams } }, async (req, reply) => {
    const sub = await own(req, req.params.id);
    const r = await resumeSubscription(services, sub.id);
    return reply.redirect(`/library/membership?${r === 'done' ? 'notice=resumed' : 'error=notApplicable'}`, 303);
  });

  app.post('/library/membership/:id/change', { ...guard, schema: { params: idParams } }, async (req, reply) => {
    const sub = await own(req, req.params.id);
    const { plan } = planBody.catch({ plan: '' }).parse(req.body ?? {});
    const [tierSlug = '', interval = ''] = plan.split(':');
    const r = await changePlan(services, sub.id, { tierSlug, interval });
    const to =
      r === 'scheduled'
        ? 'notice=changed'
        : r === 'unchanged'
          ? 'notice=unchanged'
          : r === 'stripe'
            ? 'error=stripe'
            : r === 'not-applicable'
              ? 'error=notApplicable'
              : 'error=plan';
    return reply.redirect(`/library/membership?${to}`, 303);
  });

  // The emailed link opens a page with a button: link scanners must not cancel anything.
  app.get('/library/membership/cancel/:token', { schema: { params: tokenParams } }, async (req, reply) => {
    const ctx = await ctxOf(req, reply);
    const usable = await isCancelLinkUsable(services, req.params.token);
    return sendPage(
      reply,
      CancelLinkPage({ ctx, token: req.params.token, state: usable ? 'confirm' : 'invalid' }),
      usable ? 200 : 410,
    );
  });

  app.post(
    '/library/membership/cancel/:token',
    { schema: { params: tokenParams }, config: { rateLimit: { max: 20, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const ctx = await ctxOf(req, reply);
      const r = await confirmCancelLink(services, req.params.token);
      if (r.kind === 'invalid')
        return sendPage(reply, CancelLinkPage({ ctx, token: req.params.token, state: 'invalid' }), 410);
      return sendPage(reply, CancelLinkPage({ ctx, token: '', state: 'done', endsAt: r.endsAt }));
    },
  );
}
