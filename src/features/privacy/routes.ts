import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.js';
import { pageContext } from '../../web/context.js';
import { sendPage } from '../../web/render.js';
import { adminPageContext } from '../admin/admin-context.js';
import { currentAdmin, requireAdmin } from '../auth/sessions.js';
import { currentCustomer, requireCustomer } from '../library/sessions.js';
import { eraseCustomer } from './erase-customer.js';
import { exportCustomerData } from './export-data.js';
import { LibraryDataPage, PrivacyAdminPage } from './privacy.pages.js';
import { requestErasure } from './request-erasure.js';

const eraseBody = z.object({ email: z.string().trim().max(320).pipe(z.email()) });
const noticeQuery = z.object({ erased: z.string().max(320).optional(), orders: z.coerce.number().int().optional() });

/** GDPR: the customer's export and erasure request (library), the creator's request list and erasure (admin). */
export function registerPrivacyRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;
  const customer = { preHandler: requireCustomer(services) };
  const admin = { preHandler: requireAdmin(services) };

  app.get('/library/data', customer, async (req, reply) =>
    sendPage(reply, LibraryDataPage({ ctx: await pageContext(req, reply, services) })),
  );

  app.get('/library/data/export', customer, async (req, reply) => {
    const data = await exportCustomerData(db, currentCustomer(req).email, fastify.privacyParts);
    return reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', 'attachment; filename="my-data.json"')
      .header('cache-control', 'no-store')
      .send(JSON.stringify(data, null, 2));
  });

  app.post('/library/data/erase', customer, async (req, reply) => {
    const sentAt = await requestErasure(db, currentCustomer(req).email);
    return sendPage(reply, LibraryDataPage({ ctx: await pageContext(req, reply, services), sentAt }));
  });

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
