import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../services.js';
import { amountErrorKey } from '../../web/amount-errors.js';
import { notFound } from '../../web/errors.js';
import type { MessageKey } from '../../web/messages.js';
import { sendPage } from '../../web/render.js';
import { adminLocale, adminPageContext } from '../admin/admin-context.js';
import { currentAdmin, requireAdmin } from '../auth/sessions.js';
import type { RefundResult } from '../payments/refund-order.js';
import { getStoreSettings } from '../settings/store-settings.js';
import { adminRefund, type PartialAmount, readPartialAmount } from './admin-refund.js';
import { ordersCsv, sendCsv } from './export-csv.js';
import { listOrders, soldProducts } from './list-orders.js';
import { findOrder, loadOrderDetail } from './order-detail.js';
import { OrderDetailPage } from './order-detail.page.js';
import { OrdersPage } from './orders.page.js';
import { RefundPage } from './refund.page.js';
import { resendReceipt } from './resend-receipt.js';
import { actionBody, idParams, orderDetailQuery, orderFiltersQuery, orderListQuery, refundBody } from './schemas.js';

/** Resending is cheap to abuse (each one is an email to a buyer): a few a minute are plenty. */
const RESEND_LIMIT = { rateLimit: { max: 10, timeWindow: '1 minute' } };

function refundOutcome(result: Exclude<RefundResult, 'not-found'>, partial: boolean): string {
  if (result === 'ok') return partial ? 'notice=partially-refunded' : 'notice=refunded';
  if (result === 'not-paid') return 'error=not-paid';
  if (result === 'imported') return 'error=imported';
  return result === 'invalid-amount' ? 'error=refund-amount' : 'error=refund-failed';
}

/** Admin: order list with filters and CSV export, order page, refund with a confirmation step. */
export function registerOrderPages(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;
  const guard = { preHandler: requireAdmin(services) };

  app.get('/admin/orders', { ...guard, schema: { querystring: orderListQuery } }, async (req, reply) => {
    const { page, ...query } = req.query;
    const filters = { ...query, timeZone: (await getStoreSettings(db)).timeZone };
    const [ctx, list, products] = await Promise.all([
      adminPageContext(req, reply, services),
      listOrders(db, filters, page),
      soldProducts(db),
    ]);
    return sendPage(reply, OrdersPage({ ctx, list, filters: query, products }));
  });

  app.get('/admin/orders.csv', { ...guard, schema: { querystring: orderFiltersQuery } }, async (req, reply) => {
    const { timeZone } = await getStoreSettings(db);
    return sendCsv(reply, 'orders', ordersCsv(db, { ...req.query, timeZone }));
  });

  app.get(
    '/admin/orders/:id',
    { ...guard, schema: { params: idParams, querystring: orderDetailQuery } },
    async (req, reply) => {
      const detail = await loadOrderDetail(db, req.params.id);
      if (!detail) throw notFound('Order not found');
      const ctx = await adminPageContext(req, reply, services);
      const { notice, error } = req.query;
      const view = {
        detail,
        notice: notice ? ctx.t(`orders.notice.${notice}`) : undefined,
        error: error ? ctx.t(`orders.error.${error}`) : undefined,
      };
      return sendPage(reply, OrderDetailPage({ ctx, view }));
    },
  );

  app.get('/admin/orders/:id/refund', { ...guard, schema: { params: idParams } }, async (req, reply) => {
    const order = await findOrder(db, req.params.id);
    if (!order) throw notFound('Order not found');
    return sendPage(reply, RefundPage({ ctx: await adminPageContext(req, reply, services), order }));
  });

  app.post(
    '/admin/orders/:id/refund',
    { ...guard, schema: { params: idParams, body: refundBody } },
    async (req, reply) => {
      const { id } = req.params;
      const { confirm, amount, requestId } = req.body;
      const order = await findOrder(db, id);
      if (!order) throw notFound('Order not found');
      let amountMinor: number | undefined;
      if (amount !== undefined && order.status === 'paid') {
        // The partial refund form: re-rendered with its errors until amount and confirmation are right.
        const locale = await adminLocale(req, services);
        const read = readPartialAmount(amount, order.currency, order.total_minor - order.refunded_minor, locale);
        if (!read.ok || confirm !== 'yes') {
          const ctx = await adminPageContext(req, reply, services);
          const partial = {
            amount,
            amountError: read.ok ? undefined : ctx.t(partialAmountError(read.error, order.currency)),
            confirmError: confirm === 'yes' ? undefined : ctx.t('orders.refund.partial.confirmRequired'),
          };
          return sendPage(reply, RefundPage({ ctx, order, partial }), 400);
        }
        amountMinor = read.minor;
      } else if (confirm !== 'yes') {
        const ctx = await adminPageContext(req, reply, services);
        return sendPage(reply, RefundPage({ ctx, order, error: ctx.t('orders.refund.confirmRequired') }), 400);
      }
      const actor = currentAdmin(req).user.email;
      const result = await adminRefund({ services, orderId: id, actor, amountMinor, requestId });
      if (result === 'not-found') throw notFound('Order not found');
      // Redirect after POST, so reloading the page never asks for a second refund.
      return reply.redirect(`/admin/orders/${id}?${refundOutcome(result, amountMinor !== undefined)}`, 303);
    },
  );

  app.post(
    '/admin/orders/:id/resend-receipt',
    { ...guard, config: RESEND_LIMIT, schema: { params: idParams, body: actionBody } },
    async (req, reply) => {
      const { id } = req.params;
      const result = await resendReceipt({ services, orderId: id, actor: currentAdmin(req).user.email });
      if (result === 'not-found') throw notFound('Order not found');
      const query =
        result === 'ok'
          ? 'notice=receipt-sent'
          : result === 'imported'
            ? 'error=receipt-imported'
            : 'error=receipt-not-paid';
      return reply.redirect(`/admin/orders/${id}?${query}`, 303);
    },
  );
}

/** A refused partial amount: the refund's own words, or the shared ones for how it was written. */
function partialAmountError(error: Extract<PartialAmount, { ok: false }>['error'], currency: string): MessageKey {
  if (error === 'invalid' || error === 'too-large' || error === 'not-less')
    return `orders.refund.partial.error.${error}`;
  return amountErrorKey(error, currency);
}
