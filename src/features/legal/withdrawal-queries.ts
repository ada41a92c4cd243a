import type { Kysely } from 'kysely';
import type { DB, Db, Order, Withdrawal, WithdrawalRefund } from '../../db/schema.js';
import { productTaxOf } from '../tax/product-tax.js';
import { findDigitalConsent } from './consent.js';
import { withdrawalCaseOf } from './withdrawal-case.js';
import { type WithdrawalState, withdrawalPeriodEnd, withdrawalState } from './withdrawal-rules.js';

/** Step 1 of the withdrawal: the order with this number, if the email matches (case-insensitively). */
export function findOrderByNumberAndEmail(db: Db, number: string, email: string) {
  return db
    .selectFrom('orders')
    .selectAll()
    .where('number', '=', number)
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.trim().toLowerCase()))
    .executeTakeFirst();
}

export function findWithdrawalById(db: Db, id: string) {
  return db.selectFrom('withdrawals').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findWithdrawal(db: Db, orderId: string) {
  return db.selectFrom('withdrawals').selectAll().where('order_id', '=', orderId).executeTakeFirst();
}

export type WithdrawalView = {
  order: Order;
  titles: string[];
  state: WithdrawalState;
  refund?: WithdrawalRefund | undefined;
  /** A declaration received on the public form, not yet carried out (waiting for the buyer's click). */
  pending?: Withdrawal | undefined;
};

/** What the withdrawal pages show for an order: its items and whether it can still be withdrawn. */
export async function loadWithdrawalView(db: Db, order: Order, now = new Date()): Promise<WithdrawalView> {
  const [items, consent, delivery, withdrawal] = await Promise.all([
    db.selectFrom('order_items').select(['title', 'product_id']).where('order_id', '=', order.id).execute(),
    findDigitalConsent(db, order.id),
    db.selectFrom('deliveries').select('id').where('order_id', '=', order.id).executeTakeFirst(),
    findWithdrawal(db, order.id),
  ]);
  const categories = await productTaxOf(db, [...new Set(items.map((i) => i.product_id))]);
  // Only an order of dated events alone has no right at all.
  const excluded =
    items.length > 0 &&
    items.every((i) => withdrawalCaseOf(categories.get(i.product_id)?.category ?? 'electronic_service', 1) === 'event');
  const pending = withdrawal && !withdrawal.confirmed_at ? withdrawal : undefined;
  // A declaration received in time keeps the right, whatever happened since (payment, delivery).
  if (pending) {
    const state: WithdrawalState = { kind: 'open', endsAt: withdrawalPeriodEnd(order.created_at) };
    return { order, titles: items.map((i) => i.title), state, pending };
  }
  const state = withdrawalState(
    {
      status: order.status,
      totalMinor: order.total_minor,
      createdAt: order.created_at,
      consented: Boolean(consent),
      delivered: Boolean(delivery),
      withdrawnAt: withdrawal?.received_at,
      excluded,
    },
    now,
  );
  return { order, titles: items.map((i) => i.title), state, refund: withdrawal?.refund };
}

export function listWithdrawals(db: Kysely<DB>, limit = 200) {
  return db
    .selectFrom('withdrawals')
    .innerJoin('orders', 'orders.id', 'withdrawals.order_id')
    .select([
      'withdrawals.id',
      'withdrawals.order_id',
      'withdrawals.email',
      'withdrawals.refund',
      'withdrawals.received_at',
      'withdrawals.confirmed_at',
      'orders.number',
      'orders.total_minor',
      'orders.currency',
    ])
    .orderBy('withdrawals.received_at', 'desc')
    .limit(limit)
    .execute();
}
