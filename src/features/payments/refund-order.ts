import { enqueueJob } from '../../jobs/queue.js';
import type { Services } from '../../services.js';
import { recordAudit } from '../admin/audit.js';
import { findOrder } from '../checkout/queries.js';
import { applyPaymentState } from './apply-payment-state.js';
import { syncOrderPaymentJob } from './job-contracts.js';
import { paymentProvider } from './providers.js';

/** 'imported': an order brought over from another platform, refunded there (we hold no payment to return). */
export type RefundResult = 'ok' | 'not-found' | 'not-paid' | 'invalid-amount' | 'provider-error' | 'imported';

export type RefundRequest = {
  /** Minor units; undefined: everything not refunded yet (a full refund, which ends access). */
  amountMinor?: number | undefined;
  /** One id per refund the admin asked for (from the form), so a repeated submit refunds once. */
  requestId?: string | undefined;
};

/**
 * Refunds a paid order through its provider, with an idempotency key per
 * refund request, then converges the order with what the provider now says
 * (its running refund total): a full refund revokes access, a partial one
 * keeps it. If the provider cannot be read back right away, a job converges
 * later — and so does the provider's own refund notification.
 */
export async function refundOrder(
  services: Services,
  orderId: string,
  actor: string,
  request: RefundRequest = {},
): Promise<RefundResult> {
  const { db } = services.database;
  const order = await findOrder(db, orderId);
  if (!order) return 'not-found';
  if (order.status !== 'paid') return 'not-paid';
  const remaining = order.total_minor - order.refunded_minor;
  const amount = request.amountMinor ?? remaining;
  if (order.provider === 'free' || remaining === 0) {
    // Nothing is left to pay back through a provider: only the order changes.
    if (amount !== remaining) return 'invalid-amount';
    await db.transaction().execute(async (trx) => {
      if (await services.orders.markRefunded(trx, order, { actor, amountMinor: amount }))
        await recordAudit(trx, actor, 'order.refunded', { orderId, number: order.number, amountMinor: amount });
    });
    return 'ok';
  }
  if (!Number.isSafeInteger(amount) || amount <= 0 || amount > remaining) return 'invalid-amount';
  const provider = await paymentProvider(services, order.provider);
  // Without a form's request id (a call from code): the same refund of the same order state is one refund.
  const fallback = `${request.amountMinor === undefined ? 'full' : amount}-after-${order.refunded_minor}`;
  const key = `refund:${order.id}:${request.requestId ?? fallback}`;
  let refundId: string;
  try {
    if (!provider) throw new Error(`unknown provider ${order.provider}`);
    refundId = (await provider.refund(order, amount, key)).refundId;
  } catch (err) {
    services.log.error({ err, orderId }, 'refund failed at the payment provider');
    return 'provider-error';
  }
  await recordAudit(db, actor, 'order.refunded', { orderId, number: order.number, amountMinor: amount, refundId });
  try {
    const ref = order.provider_ref ?? '';
    const state = await provider.fetchState(ref);
    await applyPaymentState(services, order.provider, state.checkoutRef ?? ref, state, {
      actor,
      refundId,
    });
  } catch (err) {
    services.log.warn({ err, orderId }, 'refund made; the order converges in the background');
    await enqueueJob(
      db,
      syncOrderPaymentJob,
      { orderId, reason: 'refund' },
      { uniqueKey: `sync:${orderId}:refund:${refundId}` },
    );
    services.nudgeWorker();
  }
  return 'ok';
}
