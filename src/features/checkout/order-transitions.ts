import { sql, type Transaction } from 'kysely';
import type { DB, Order, OrderStatus } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { fulfilOrderJob } from '../../flows/fulfil-order.job.js';
import { enqueueJob } from '../../jobs/queue.js';
import { disableLicenseKeysForOrder } from '../licensing/disable-order-license-keys.js';
import { recordOrderEvent } from './order-events.js';
import { sourcesOf } from './order-status.js';

/** Moves an order to `to` only from a state that allows it; false when another path got there first. */
async function transition(
  trx: Transaction<DB>,
  orderId: string,
  to: OrderStatus,
  extra: Partial<Order> = {},
): Promise<boolean> {
  const now = isoNow();
  const r = await trx
    .updateTable('orders')
    .set({ ...extra, status: to, updated_at: now })
    .where('id', '=', orderId)
    .where('status', 'in', sourcesOf(to))
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
  if (!(await transition(trx, order.id, 'paid', { paid_at: isoNow() }))) return false;
  // A late payment of an expired order uses the discount it was priced with again.
  if (order.status === 'expired' && order.discount_code_id) {
    await trx
      .updateTable('discount_codes')
      .set({ redemptions: sql`redemptions + 1` })
      .where('id', '=', order.discount_code_id)
      .execute();
  }
  await recordOrderEvent(trx, order.id, 'paid', detail);
  await enqueueJob(trx, fulfilOrderJob, { orderId: order.id }, { uniqueKey: `fulfil:${order.id}` });
  return true;
}

export async function markOrderFailed(trx: Transaction<DB>, orderId: string, reason: string): Promise<boolean> {
  if (!(await transition(trx, orderId, 'failed'))) return false;
  await recordOrderEvent(trx, orderId, 'payment_failed', { reason });
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
  return true;
}

/** A full refund: access to every delivery and every licence key ends with it. */
export async function markOrderRefunded(
  trx: Transaction<DB>,
  order: Order,
  detail: Record<string, unknown>,
): Promise<boolean> {
  const now = isoNow();
  if (!(await transition(trx, order.id, 'refunded', { refunded_at: now, refunded_minor: order.total_minor })))
    return false;
  await trx
    .updateTable('deliveries')
    .set({ revoked_at: now })
    .where('order_id', '=', order.id)
    .where('revoked_at', 'is', null)
    .execute();
  await disableLicenseKeysForOrder(trx, order.id, 'refund');
  await recordOrderEvent(trx, order.id, 'refunded', detail);
  await recordOrderEvent(trx, order.id, 'access_revoked');
  return true;
}
