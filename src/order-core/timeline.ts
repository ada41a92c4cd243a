import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, Db } from '../db/schema.js';
import { isoNow } from '../db/time.js';

/** Timeline kinds shown on the admin's order page. */
export type OrderEventKind =
  | 'created'
  | 'payment_started'
  | 'paid'
  | 'payment_failed'
  | 'expired'
  | 'delivered'
  | 'email_queued'
  | 'download'
  | 'link_resent'
  | 'receipt_resent'
  | 'refunded'
  | 'partially_refunded'
  | 'access_revoked'
  | 'disputed'
  | 'dispute_updated'
  | 'dispute_won'
  | 'dispute_lost'
  | 'access_restored'
  | 'withdrawn'
  /** The invoice was issued under another VAT decision than checkout's (a turnover limit crossed meanwhile). */
  | 'tax_changed';

/** Appends to an order's timeline; call it in the transaction that changes the order. */
export async function recordOrderEvent(
  db: Db,
  orderId: string,
  kind: OrderEventKind,
  detail: Record<string, unknown> = {},
): Promise<void> {
  await db
    .insertInto('order_events')
    .values({ id: randomUUID(), order_id: orderId, kind, detail: JSON.stringify(detail), created_at: isoNow() })
    .execute();
}

export function listOrderEvents(db: Kysely<DB>, orderId: string) {
  return db.selectFrom('order_events').selectAll().where('order_id', '=', orderId).orderBy('created_at').execute();
}
