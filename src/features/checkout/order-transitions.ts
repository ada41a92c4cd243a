import { sql, type Transaction } from 'kysely';
import type { DB, Order, OrderStatus } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { fulfilOrderJob } from '../../flows/job-contracts.js';
import { enqueueJob } from '../../jobs/queue.js';
import { syncOrderAnalytics } from '../analytics/record-sale.js';
import { issueCreditNoteJob } from '../invoices/job-contracts.js';
import { disableLicenseKeysForOrder, enableLicenseKeysDisabledFor } from '../licensing/disable-order-license-keys.js';
import { endUnstartedSubscription } from '../memberships/end-unstarted-subscription.js';
import type { ProviderDispute } from '../payments/provider.js';
import { recordOrderEvent } from './order-events.js';
import { AWAITING_PAYMENT, sourcesOf } from './order-status.js';

/** Moves an order to `to` only from a state that allows it; false when another path got there first. */
async function transition(
  trx: Transaction<DB>,
  orderId: string,
  to: OrderStatus,
  extra: Partial<Order> = {},
  from: readonly OrderStatus[] = sourcesOf(to),
): Promise<boolean> {
  const now = isoNow();
  const r = await trx
    .updateTable('orders')
    .set({ ...extra, status: to, updated_at: now })
    .where('id', '=', orderId)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * The one place an order becomes paid. The guarded UPDATE makes it happen
 * once however many notifications arrive; fulfilment is enqueued with it.
 */
export async function markOrderPaid(
  trx: Transaction<DB>,
  order: Order,
  detail: Record<string, unknown>,
): Promise<boolean> {
  if (!(await transition(trx, order.id, 'paid', { paid_at: isoNow() }, AWAITING_PAYMENT))) return false;
  // A late payment of an expired order uses the discount it was priced with again.
  if (order.status === 'expired' && order.discount_code_id) {
    await trx
      .updateTable('discount_codes')
      .set({ redemptions: sql`redemptions + 1` })
      .where('id', '=', order.discount_code_id)
      .execute();
  }
  await recordOrderEvent(trx, order.id, 'paid', detail);
  await syncOrderAnalytics(trx, order.id);
  await enqueueJob(trx, fulfilOrderJob, { orderId: order.id }, { uniqueKey: `fulfil:${order.id}` });
  return true;
}

export async function markOrderFailed(trx: Transaction<DB>, orderId: string, reason: string): Promise<boolean> {
  if (!(await transition(trx, orderId, 'failed'))) return false;
  await recordOrderEvent(trx, orderId, 'payment_failed', { reason });
  // The first order of a membership: its subscription never starts (a later payment still starts it).
  await endUnstartedSubscription(trx, orderId, reason);
  return true;
}

/** An unpaid order runs out; its discount redemption is given back. */
export async function expireOrder(trx: Transaction<DB>, order: Order): Promise<boolean> {
  if (!(await transition(trx, order.id, 'expired'))) return false;
  if (order.discount_code_id) {
    await trx
      .updateTable('discount_codes')
      .set({ redemptions: sql`redemptions - 1` })
      .where('id', '=', order.discount_code_id)
      .where('redemptions', '>', 0)
      .execute();
  }
  await recordOrderEvent(trx, order.id, 'expired');
  await endUnstartedSubscription(trx, order.id, 'expired');
  return true;
}

/** Ends access to every delivery and licence key of an order; returns the revocation time. */
async function revokeAccess(trx: Transaction<DB>, orderId: string, reason: 'refund' | 'dispute'): Promise<string> {
  const now = isoNow();
  await trx
    .updateTable('deliveries')
    .set({ revoked_at: now })
    .where('order_id', '=', orderId)
    .where('revoked_at', 'is', null)
    .execute();
  await disableLicenseKeysForOrder(trx, orderId, reason);
  return now;
}

/** A full refund (of a paid or disputed order): access to every delivery and every licence key ends with it. */
export async function markOrderRefunded(
  trx: Transaction<DB>,
  order: Order,
  detail: Record<string, unknown>,
): Promise<boolean> {
  const now = isoNow();
  if (!(await transition(trx, order.id, 'refunded', { refunded_at: now, refunded_minor: order.total_minor })))
    return false;
  await revokeAccess(trx, order.id, 'refund');
  await enqueueJob(trx, issueCreditNoteJob, { orderId: order.id }, { uniqueKey: `credit:${order.id}` });
  await recordOrderEvent(trx, order.id, 'refunded', detail);
  await syncOrderAnalytics(trx, order.id);
  await recordOrderEvent(trx, order.id, 'access_revoked');
  return true;
}

/**
 * Part of the payment went back: the buyer keeps access. `refundedMinor` is
 * the provider's running total, so the recorded amount only grows and a
 * repeated or late report changes nothing.
 */
export async function recordPartialRefund(
  trx: Transaction<DB>,
  order: Order,
  refundedMinor: number,
  detail: Record<string, unknown>,
): Promise<boolean> {
  const r = await trx
    .updateTable('orders')
    .set({ refunded_minor: refundedMinor, updated_at: isoNow() })
    .where('id', '=', order.id)
    .where('status', 'in', ['paid', 'disputed'])
    .where('refunded_minor', '<', refundedMinor)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) return false;
  await recordOrderEvent(trx, order.id, 'partially_refunded', {
    ...detail,
    amountMinor: refundedMinor - order.refunded_minor,
    refundedMinor,
  });
  await syncOrderAnalytics(trx, order.id);
  await enqueueJob(
    trx,
    issueCreditNoteJob,
    { orderId: order.id, refundedMinor },
    { uniqueKey: `credit:${order.id}:${refundedMinor}` },
  );
  return true;
}

/** Stores the provider's latest word on the dispute; false when it says nothing new. */
async function saveDispute(
  trx: Transaction<DB>,
  order: Order,
  provider: string,
  dispute: ProviderDispute,
  accessRevokedAt?: string,
): Promise<boolean> {
  const now = isoNow();
  const revoked = accessRevokedAt ? { access_revoked_at: accessRevokedAt } : {};
  const r = await trx
    .insertInto('order_disputes')
    .values({
      order_id: order.id,
      provider,
      dispute_ref: dispute.id,
      status: dispute.status,
      amount_minor: dispute.amountMinor,
      reason: dispute.reason,
      access_revoked_at: accessRevokedAt ?? null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc
        .column('order_id')
        .doUpdateSet({ status: dispute.status, dispute_ref: dispute.id, updated_at: now, ...revoked })
        .where('order_disputes.status', '<>', dispute.status),
    )
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** A chargeback opened (or lost) on a paid order: access ends until the dispute is won. */
export async function markOrderDisputed(
  trx: Transaction<DB>,
  order: Order,
  provider: string,
  dispute: ProviderDispute,
): Promise<boolean> {
  if (!(await transition(trx, order.id, 'disputed', {}, ['paid']))) return false;
  const revokedAt = await revokeAccess(trx, order.id, 'dispute');
  await saveDispute(trx, order, provider, dispute, revokedAt);
  const facts = { dispute: dispute.id, reason: dispute.reason, amountMinor: dispute.amountMinor };
  await recordOrderEvent(trx, order.id, 'disputed', { ...facts, status: dispute.status });
  await recordOrderEvent(trx, order.id, 'access_revoked');
  return true;
}

/** A dispute closed in the seller's favour: the order is paid again and gets back what the dispute took. */
export async function markDisputeWon(
  trx: Transaction<DB>,
  order: Order,
  provider: string,
  dispute: ProviderDispute,
): Promise<boolean> {
  const record = await trx
    .selectFrom('order_disputes')
    .select('access_revoked_at')
    .where('order_id', '=', order.id)
    .executeTakeFirst();
  if (!(await transition(trx, order.id, 'paid', {}, ['disputed']))) return false;
  await saveDispute(trx, order, provider, dispute);
  if (record?.access_revoked_at) {
    await trx
      .updateTable('deliveries')
      .set({ revoked_at: null })
      .where('order_id', '=', order.id)
      .where('revoked_at', '=', record.access_revoked_at)
      .execute();
  }
  // The licence keys the dispute disabled (and only those) work again.
  await enableLicenseKeysDisabledFor(trx, order.id, 'dispute');
  await recordOrderEvent(trx, order.id, 'dispute_won', { dispute: dispute.id });
  await recordOrderEvent(trx, order.id, 'access_restored');
  return true;
}

/** Any other news about a dispute (lost, or closed before we saw it open): recorded once, access unchanged. */
export async function recordDisputeStatus(
  trx: Transaction<DB>,
  order: Order,
  provider: string,
  dispute: ProviderDispute,
): Promise<boolean> {
  if (!(await saveDispute(trx, order, provider, dispute))) return false;
  const kind =
    dispute.status === 'lost' ? 'dispute_lost' : dispute.status === 'won' ? 'dispute_won' : 'dispute_updated';
  await recordOrderEvent(trx, order.id, kind, { dispute: dispute.id, amountMinor: dispute.amountMinor });
  return true;
}
