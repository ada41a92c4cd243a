import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../services.js';
import { pageContext } from '../../web/context.js';
import { sendPage } from '../../web/render.js';
import { currentCustomer, requireCustomer } from '../library/sessions.js';
import { exportCustomerData } from './export-data.js';
import { LibraryDataPage } from './privacy.pages.js';
import { requestErasure } from './request-erasure.js';

/** GDPR: the customer's export and erasure request (library); the creator's side is in admin.routes.ts. */
export function registerPrivacyRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;
  const customer = { preHandler: requireCustomer(services) };

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
}
