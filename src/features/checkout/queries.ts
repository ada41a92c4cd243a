import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Customer, DB, Db, Order, OrderItem } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { STOREFRONT_KINDS } from '../catalog/queries.js';

/** Gap-free, human order numbers from one counter row (row-locked on PostgreSQL, serialised on SQLite). */
export async function nextOrderNumber(trx: Transaction<DB>): Promise<string> {
  await trx
    .insertInto('counters')
    .values({ name: 'order_number', value: 1000 })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await trx
    .updateTable('counters')
    .set({ value: sql`value + 1` })
    .where('name', '=', 'order_number')
    .returning('value')
    .executeTakeFirstOrThrow();
  return String(row.value);
}

/** One customer per email address; the latest non-empty name wins. */
export async function upsertCustomer(
  trx: Transaction<DB>,
  email: string,
  name: string,
  locale: string,
): Promise<Customer> {
  await trx
    .insertInto('customers')
    .values({ id: randomUUID(), email, name, locale, created_at: isoNow() })
    .onConflict((oc) => oc.column('email').doNothing())
    .execute();
  if (name) await trx.updateTable('customers').set({ name }).where('email', '=', email).execute();
  return trx.selectFrom('customers').selectAll().where('email', '=', email).executeTakeFirstOrThrow();
}

export function findOrder(db: Db, id: string): Promise<Order | undefined> {
  return db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findOrderItems(db: Db, orderId: string): Promise<OrderItem[]> {
  return db.selectFrom('order_items').selectAll().where('order_id', '=', orderId).execute();
}

export function findSellableProduct(db: Db, id: string) {
  // A membership is bought as a subscription (/membership), never as a one-off product.
  return db
    .selectFrom('products')
    .selectAll()
    .where('id', '=', id)
    .where('status', '=', 'published')
    .where('kind', 'in', STOREFRONT_KINDS)
    .executeTakeFirst();
}
