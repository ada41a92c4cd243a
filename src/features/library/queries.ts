import type { Db, OrderStatus } from '../../db/schema.js';

/** Orders that count as purchases in the library; pending, failed and expired ones are checkout leftovers. */
export const PURCHASE_STATUSES = ['paid', 'refunded'] as const satisfies readonly OrderStatus[];

/**
 * Orders are matched by lower(email) so an address typed with capitals at
 * checkout still belongs to its owner; `email` must already be normalised.
 */
function purchasesOf(db: Db, email: string) {
  return db
    .selectFrom('orders')
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email))
    .where('status', 'in', PURCHASE_STATUSES);
}

/** The address as written on the newest purchase, if any purchase exists. */
export async function purchaseAddress(db: Db, email: string): Promise<string | undefined> {
  const row = await purchasesOf(db, email).select('email').orderBy('created_at', 'desc').executeTakeFirst();
  return row?.email;
}

export function listPurchases(db: Db, email: string) {
  return purchasesOf(db, email).selectAll().orderBy('created_at', 'desc').orderBy('number', 'desc').execute();
}

/** One purchase, only if it belongs to this address. */
export function findPurchase(db: Db, email: string, orderId: string) {
  return purchasesOf(db, email).selectAll().where('id', '=', orderId).executeTakeFirst();
}

export function listItemsOf(db: Db, orderIds: readonly string[]) {
  if (orderIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('order_items').selectAll().where('order_id', 'in', orderIds).orderBy('id').execute();
}
