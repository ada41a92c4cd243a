import { type Insertable, sql, type Transaction } from 'kysely';
import type { DB, Db, OrderItemsTable, OrdersTable } from '../db/schema.js';
import { isoNow } from '../db/time.js';
import { recordOrderEvent } from './timeline.js';

/**
 * The writes to `orders` outside the state machine: a new order with its
 * items, the provider's checkout reference, a customer's name erased, an
 * order deleted after its retention period. No other module writes the table
 * (`boundaries.test.ts` checks).
 */
export async function insertOrder(
  trx: Transaction<DB>,
  order: Insertable<OrdersTable>,
  items: readonly Insertable<OrderItemsTable>[],
): Promise<void> {
  await trx.insertInto('orders').values(order).execute();
  if (items.length > 0)
    await trx
      .insertInto('order_items')
      .values([...items])
      .execute();
}

/** The provider took the order to its payment page under `ref`. */
export async function recordPaymentStarted(
  trx: Transaction<DB>,
  orderId: string,
  provider: string,
  ref: string,
): Promise<void> {
  await trx.updateTable('orders').set({ provider_ref: ref, updated_at: isoNow() }).where('id', '=', orderId).execute();
  await recordOrderEvent(trx, orderId, 'payment_started', { provider, ref });
}

/** GDPR erasure: the name on every order of an address (compared in lower case) goes; the rest is kept for the retention period. */
export async function eraseNameOnOrders(db: Db, address: string): Promise<void> {
  await db
    .updateTable('orders')
    .set({ name: '' })
    .where(sql<boolean>`lower(email) = ${address.toLowerCase()}`)
    .execute();
}

/** The retention period of an erased customer's order ended: the order goes (items, deliveries, timeline by cascade). */
export async function deleteOrder(trx: Transaction<DB>, orderId: string): Promise<void> {
  await trx.deleteFrom('orders').where('id', '=', orderId).execute();
}
