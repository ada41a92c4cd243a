import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { sql } from 'kysely';
import type { CommissionEntryKind, DB, Db } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';

/**
 * The commission ledger: append-only entries per affiliate and currency. No
 * entry is ever updated or deleted; every change is a new entry.
 *
 * `amount_minor` is signed: what the entry adds to the amount the store owes
 * the affiliate. So, per affiliate and currency,
 *
 *     balance = Σ amount_minor of all entries          (may be negative)
 *             = held + payable
 *     held    = Σ amount_minor of entries whose available_at is after `asOf`
 *               (order lines still inside their hold period)
 *     payable = Σ amount_minor of every other entry (lines past the hold,
 *               payouts, claw-backs); paid out only while > 0, a negative
 *               payable is carried forward against later commissions.
 *
 * Kinds:
 * - `pending`     +c  an order line's commission, written when the order is
 *                     paid; `available_at` = paid + hold days (≥ the 14-day
 *                     withdrawal period).
 * - `approved`     0  the line's hold ended without a full reversal (a marker
 *                     written by the daily job; money-neutral, so the sums
 *                     do not depend on when the job ran).
 * - `reversed`    −r  a refund (full or proportional) or chargeback of the line
 *                     while the money is still unpaid.
 * - `clawed_back` −r  the part of such a reversal the payable balance no longer
 *                     covers because it was paid out: it makes payable
 *                     negative, carried forward.
 * - `paid`        −p  a payout of p (no order line; `payout_id` set).
 *
 * Line entries (pending, approved, reversed, clawed_back) carry the line's
 * `available_at`, so a reversal inside the hold lowers `held`, after it
 * `payable`. Each is written once: UNIQUE (order_item_id, kind, cause).
 */

export type LedgerHandle = Db;

type Append = {
  affiliateId: string;
  orderId?: string | null;
  orderItemId?: string | null;
  kind: CommissionEntryKind;
  cause: string;
  amountMinor: number;
  currency: string;
  availableAt?: string | null;
  payoutId?: string | null;
  reason?: string;
  at?: Date;
};

/** Appends one entry; false when its (line, kind, cause) or payout was already recorded. */
export async function appendEntry(db: Db, e: Append): Promise<boolean> {
  if (!Number.isSafeInteger(e.amountMinor)) throw new Error('ledger amounts are integers');
  const r = await db
    .insertInto('affiliate_commission_entries')
    .values({
      id: randomUUID(),
      affiliate_id: e.affiliateId,
      order_id: e.orderId ?? null,
      order_item_id: e.orderItemId ?? null,
      kind: e.kind,
      cause: e.cause,
      amount_minor: e.amountMinor,
      currency: e.currency,
      available_at: e.availableAt ?? null,
      payout_id: e.payoutId ?? null,
      reason: e.reason ?? '',
      created_at: isoNow(e.at),
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

export type Balance = {
  affiliateId: string;
  currency: string;
  heldMinor: number;
  payableMinor: number;
  totalMinor: number;
};

/** Held, payable (possibly negative: carried forward) and total per affiliate and currency. */
export async function balances(db: Db, asOf: Date, affiliateId?: string): Promise<Balance[]> {
  const at = isoNow(asOf);
  let q = db
    .selectFrom('affiliate_commission_entries')
    .select(['affiliate_id', 'currency'])
    .select(sql<number>`coalesce(sum(case when available_at > ${at} then amount_minor else 0 end), 0)`.as('held'))
    .select(sql<number>`coalesce(sum(amount_minor), 0)`.as('total'))
    .groupBy(['affiliate_id', 'currency'])
    .orderBy('affiliate_id')
    .orderBy('currency');
  if (affiliateId) q = q.where('affiliate_id', '=', affiliateId);
  const rows = await q.execute();
  return rows.map((r) => {
    const held = Number(r.held);
    const total = Number(r.total);
    return {
      affiliateId: r.affiliate_id,
      currency: r.currency,
      heldMinor: held,
      payableMinor: total - held,
      totalMinor: total,
    };
  });
}

/** Per affiliate and currency: the amount that may be paid out now (approved, past the hold, minus negative carry-over). */
export async function payableBalances(
  db: Db,
  asOf: Date,
): Promise<Array<{ affiliateId: string; currency: string; payableMinor: number }>> {
  const all = await balances(db, asOf);
  return all
    .filter((b) => b.payableMinor > 0)
    .map(({ affiliateId, currency, payableMinor }) => ({ affiliateId, currency, payableMinor }));
}

/**
 * Appends the entries that mark `amountMinor` of the affiliate's payable balance as paid by `payoutId`; in the caller's transaction.
 * Recording the same payout again changes nothing; paying more than is payable throws (nothing is written).
 */
export async function recordPayout(
  trx: Transaction<DB>,
  p: { affiliateId: string; currency: string; amountMinor: number; payoutId: string; at: Date },
): Promise<void> {
  if (!Number.isSafeInteger(p.amountMinor) || p.amountMinor <= 0)
    throw new Error('a payout is a positive integer amount');
  const earlier = await trx
    .selectFrom('affiliate_commission_entries')
    .select('amount_minor')
    .where('payout_id', '=', p.payoutId)
    .where('affiliate_id', '=', p.affiliateId)
    .where('currency', '=', p.currency)
    .executeTakeFirst();
  if (earlier) {
    if (-earlier.amount_minor !== p.amountMinor)
      throw new Error(`payout ${p.payoutId} was recorded with another amount`);
    return;
  }
  const [balance] = await balances(trx, p.at, p.affiliateId).then((all) =>
    all.filter((b) => b.currency === p.currency),
  );
  if (!balance || balance.payableMinor < p.amountMinor) {
    throw new Error(`payout ${p.payoutId} exceeds the payable balance`);
  }
  await appendEntry(trx, {
    affiliateId: p.affiliateId,
    kind: 'paid',
    cause: `payout:${p.payoutId}`,
    amountMinor: -p.amountMinor,
    currency: p.currency,
    payoutId: p.payoutId,
    at: p.at,
  });
}
