import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../services.js';
import { findPurchase } from '../library/queries.js';
import { currentCustomer, requireCustomer } from '../library/sessions.js';
import { invoiceFileParams, parseInvoiceFile, sendInvoiceDocument } from './invoice-download.js';
import { findInvoice } from './queries.js';

/** The buyer's invoices in the library; the creator's invoice pages and exports are in admin.routes.ts. */
export function registerInvoicesRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;

  // Buyers: only invoices of their own purchases; anything else is "not found".
  app.get(
    '/library/invoices/:file',
    { schema: { params: invoiceFileParams }, preHandler: requireCustomer(services) },
    async (req, reply) => {
      const { id, format } = parseInvoiceFile(req.params.file);
      const inv = await findInvoice(db, id);
      const mine = inv && (await findPurchase(db, currentCustomer(req).email, inv.order_id));
      return sendInvoiceDocument(services, reply, mine ? inv : undefined, format);
    },
  );
}
