import type { Services } from '../../services.js';
import { recordAudit } from '../admin/audit.js';
import { markOrderRefunded } from '../checkout/order-transitions.js';
import { findOrder } from '../checkout/queries.js';
import { paymentProvider } from './providers.js';

export type RefundResult = 'ok' | 'not-found' | 'not-paid' | 'provider-error';

/**
 * Refunds a paid order in full through its provider (idempotency key derived
 * from the order, so a retried click refunds once), then marks it refunded and
 * revokes every delivery in one transaction.
 */
export async function refundOrder(services: Services, orderId: string, actor: string): Promise<RefundResult> {
  const { db } = services.database;
  const order = await findOrder(db, orderId);
  if (!order) return 'not-found';
  if (order.status !== 'paid') return 'not-paid';
  let refundId: string | undefined;
  const amount = order.total_minor - order.refunded_minor;
  if (order.provider !== 'free' && amount > 0) {
    const provider = paymentProvider(services, order.provider);
    try {
      if (!provider) throw new Error(`unknown provider ${order.provider}`);
      refundId = (await provider.refund(order, amount, `refund:${order.id}`)).refundId;
    } catch (err) {
      services.log.error({ err, orderId }, 'refund failed at the payment provider');
      return 'provider-error';
    }
  }
  const changed = await db.transaction().execute(async (trx) => {
    const done = await markOrderRefunded(trx, order, { actor, refundId, amountMinor: amount });
    if (done) await recordAudit(trx, actor, 'order.refunded', { orderId, number: order.number, amountMinor: amount });
    return done;
  });
  return changed ? 'ok' : 'not-paid';
}
