import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.js';
import { sendPage } from '../../web/render.js';
import { adminPageContext } from '../admin/admin-context.js';
import { currentAdmin, requireAdmin } from '../auth/sessions.js';
import { eraseCustomer } from './erase-customer.js';
import { PrivacyAdminPage } from './privacy.pages.js';

const eraseBody = z.object({ email: z.string().trim().max(320).pipe(z.email()) });
const noticeQuery = z.object({ erased: z.string().max(320).optional(), orders: z.coerce.number().int().optional() });

/** GDPR, the creator's side: the list of erasure requests and the erasure itself. */
export function registerPrivacyAdminRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;
  const admin = { preHandler: requireAdmin(services) };

  app.get('/admin/privacy', { ...admin, schema: { querystring: noticeQuery } }, async (req, reply) => {
    const ctx = await adminPageContext(req, reply, services);
    const requests = await db
      .selectFrom('privacy_requests')
      .selectAll()
      .orderBy('requested_at', 'desc')
      .limit(200)
      .execute();
    const notice = req.query.erased
      ? ctx.t('privacy.admin.done', { email: req.query.erased, orders: req.query.orders ?? 0 })
      : undefined;
    return sendPage(reply, PrivacyAdminPage({ ctx, requests, notice }));
  });

  app.post('/admin/privacy/erase', admin, async (req, reply) => {
    const parsed = eraseBody.safeParse(req.body ?? {});
    if (!parsed.success) return reply.redirect('/admin/privacy', 303);
    const actor = currentAdmin(req).user.email;
    const r = await eraseCustomer(db, { email: parsed.data.email, actor }, fastify.privacyParts);
    const q = new URLSearchParams({ erased: parsed.data.email.toLowerCase(), orders: String(r.lockedOrders) });
    return reply.redirect(`/admin/privacy?${q}`, 303);
  });
}
