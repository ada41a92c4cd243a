import type { Transaction } from 'kysely';
import type { DB, Order } from '../../db/schema.js';
import type { OrderCore } from '../../order-core/order-core.js';
import { AWAITING_PAYMENT } from '../../order-core/status.js';
import type { Services } from '../../services.js';
import { savePaymentDetails } from './payment-details.js';
import type { ProviderPaymentState } from './provider.js';

export type ApplyResult = 'paid' | 'failed' | 'updated' | 'unchanged' | 'mismatch' | 'unknown-order';

type PaidState = Extract<ProviderPaymentState, { status: 'paid' }>;

/**
 * Converges our order with the provider's authoritative state: payment,
 * refunds so far, dispute, and the payment's details (card country, fee),
 * which fill what is still unknown. Running it again, or with states arriving
 * out of order, gives the same result. `detail` adds who caused it (an
 * admin's refund) to the timeline.
 */
export async function applyPaymentState(
  services: Services,
  providerId: string,
  providerRef: string,
  state: ProviderPaymentState,
  detail: Record<string, unknown> = {},
): Promise<ApplyResult> {
  const { db, dialect } = services.database;
  const core = services.orders;
  const result = await db.transaction().execute(async (trx): Promise<ApplyResult> => {
    // One convergence per order at a time (SQLite serialises writers anyway).
    let query = trx.selectFrom('orders').selectAll().where('id', '=', state.orderId);
    if (dialect === 'postgres') query = query.forUpdate();
    const order = await query.executeTakeFirst();
    if (!order || order.provider !== providerId || order.provider_ref !== providerRef) return 'unknown-order';
    if (state.status === 'pending') return 'unchanged';
    if (state.status === 'failed') return (await core.markFailed(trx, order.id, state.reason)) ? 'failed' : 'unchanged';
    if (state.currency !== order.currency || state.amountMinor < order.total_minor) {
      services.log.error({ orderId: order.id, state }, 'paid amount does not match the order');
      return 'mismatch';
    }
    // Before the payment is marked, so the sale and its fee are counted together when both are known.
    const filled = state.details ? await savePaymentDetails(trx, order.id, providerId, state.details) : false;
    let paid = false;
    let current = order;
    if (AWAITING_PAYMENT.includes(order.status)) {
      const facts = { provider: providerId, ref: providerRef, amountMinor: state.amountMinor, ...detail };
      paid = await core.markPaid(trx, order, facts);
      if (paid) current = { ...order, status: 'paid' };
    }
    const changed = await applyAftermath(core, trx, current, providerId, state, detail);
    // A fee that arrived after the sale was counted: the aggregates take it now (a no-op when counted).
    if (filled && !paid) await core.paymentDetailsChanged(trx, order);
    return paid ? 'paid' : changed || filled ? 'updated' : 'unchanged';
  });
  if (result === 'paid' || result === 'updated') services.nudgeWorker();
  return result;
}

/** What happened after the payment: refunds (full or partial) and a dispute. */
async function applyAftermath(
  core: OrderCore,
  trx: Transaction<DB>,
  order: Order,
  providerId: string,
  state: PaidState,
  detail: Record<string, unknown>,
): Promise<boolean> {
  const refunded = state.refundedMinor ?? 0;
  if (refunded >= order.total_minor && refunded > 0) {
    const amountMinor = order.total_minor - order.refunded_minor;
    return core.markRefunded(trx, order, { provider: providerId, ...detail, amountMinor });
  }
  let changed = false;
  if (refunded > order.refunded_minor) {
    changed = await core.recordPartialRefund(trx, order, refunded, { provider: providerId, ...detail });
  }
  const dispute = state.dispute;
  if (!dispute) return changed;
  if (dispute.status !== 'won' && order.status === 'paid') {
    return (await core.markDisputed(trx, order, providerId, dispute)) || changed;
  }
  if (dispute.status === 'won' && order.status === 'disputed') {
    return (await core.markDisputeWon(trx, order, providerId, dispute)) || changed;
  }
  return (await core.recordDisputeStatus(trx, order, providerId, dispute)) || changed;
}
