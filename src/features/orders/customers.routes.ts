import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../services.js';
import { notFound } from '../../web/errors.js';
import { sendPage } from '../../web/render.js';
import { adminPageContext } from '../admin/admin-context.js';
import { requireAdmin } from '../auth/sessions.js';
import { findCustomer, listCustomers } from './customers.js';
import { CustomerDetailPage, CustomersPage } from './customers.page.js';
import { customersCsv, sendCsv } from './export-csv.js';
import { listOrders } from './list-orders.js';
import { customerListQuery, idParams } from './schemas.js';

/** How many of a customer's orders their page lists; the order list has the rest. */
const CUSTOMER_ORDERS = 50;

/** Admin: customers with what they have bought, one customer's page, CSV export. */
export function registerCustomerPages(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;
  const guard = { preHandler: requireAdmin(services) };

  app.get('/admin/customers', { ...guard, schema: { querystring: customerListQuery } }, async (req, reply) => {
    const { q, page } = req.query;
    const [ctx, list] = await Promise.all([adminPageContext(req, reply, services), listCustomers(db, { q }, page)]);
    return sendPage(reply, CustomersPage({ ctx, list, q }));
  });

  app.get('/admin/customers.csv', { ...guard, schema: { querystring: customerListQuery } }, async (req, reply) => {
    return sendCsv(reply, 'customers', customersCsv(db, { q: req.query.q }));
  });

  app.get('/admin/customers/:id', { ...guard, schema: { params: idParams } }, async (req, reply) => {
    const customer = await findCustomer(db, req.params.id);
    if (!customer) throw notFound('Customer not found');
    const [ctx, orders] = await Promise.all([
      adminPageContext(req, reply, services),
      listOrders(db, { customerId: customer.id }, 1, CUSTOMER_ORDERS),
    ]);
    return sendPage(reply, CustomerDetailPage({ ctx, customer, orders }));
  });
}
