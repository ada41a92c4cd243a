import type { Db, Order } from '../../db/schema.js';
import { type CommissionRule, commissionFor, holdEnds, reversedShare } from './commission.js';
import { appendEntry, balances } from './ledger.js';
import { readProgramme } from './programme-settings.js';

/**
 * The ledger entries an order's life writes: a pending commission per line
 * when it is paid, reversals when it is refunded or charged back, the
 * commission again when a chargeback is won. Every call can repeat: the
 * entries are unique per (line, kind, cause).
 */

type LineEntry = { kind: string; cause: string; amount_minor: number; available_at: string | null };

/** The affiliate an order is attributed to, if any. */
async function attributionOf(db: Db, orderId: string) {
  return db
    .selectFrom('order_attributions')
    .innerJoin('affiliates', 'affiliates.id', 'order_attributions.affiliate_id')
    .select([
      'affiliates.id',
      'affiliates.email',
      'affiliates.commission_kind',
      'affiliates.commission_percent_bp',
      'affiliates.commission_fixed_minor',
    ])
    .where('order_attributions.order_id', '=', orderId)
    .executeTakeFirst();
}

/** Order paid: one pending entry per line that earns a commission, available when the hold ends. */
export async function recordSaleCommissions(db: Db, order: Order, paidAt: Date): Promise<number> {
  const affiliate = await attributionOf(db, order.id);
  if (!affiliate) return 0;
  // Self-referral is refused at checkout; checked again here because the buyer's address is final only now.
  if (affiliate.email === order.email.trim().toLowerCase()) return 0;
  const items = await db.selectFrom('order_items').selectAll().where('order_id', '=', order.id).execute();
  const overrides = await db
    .selectFrom('affiliate_product_commissions')
    .selectAll()
    .where('affiliate_id', '=', affiliate.id)
    .execute();
  const own: CommissionRule = {
    kind: affiliate.commission_kind,
    percentBp: affiliate.commission_percent_bp,
    fixedMinor: affiliate.commission_fixed_minor,
  };
  const { holdDays } = await readProgramme(db);
  const availableAt = holdEnds(paidAt, holdDays).toISOString();
  let written = 0;
  for (const item of items) {
    const o = overrides.find((r) => r.product_id === item.product_id);
    const rule = o
      ? { kind: o.commission_kind, percentBp: o.commission_percent_bp, fixedMinor: o.commission_fixed_minor }
      : own;
    const amount = commissionFor(rule, {
      totalMinor: item.total_minor,
      taxMinor: item.tax_minor,
      quantity: item.quantity,
    });
    if (amount <= 0) continue;
    const added = await appendEntry(db, {
      affiliateId: affiliate.id,
      orderId: order.id,
      orderItemId: item.id,
      kind: 'pending',
      cause: 'sale',
      amountMinor: amount,
      currency: order.currency,
      availableAt,
      at: paidAt,
    });
    if (added) written++;
  }
  return written;
}

async function lineEntries(db: Db, orderId: string) {
  const rows = await db
    .selectFrom('affiliate_commission_entries')
    .select(['affiliate_id', 'order_item_id', 'kind', 'cause', 'amount_minor', 'available_at', 'currency'])
    .where('order_id', '=', orderId)
    .where('order_item_id', 'is not', null)
    .execute();
  const lines = new Map<string, { affiliateId: string; currency: string; entries: LineEntry[] }>();
  for (const r of rows) {
    const key = r.order_item_id as string;
    const line = lines.get(key) ?? { affiliateId: r.affiliate_id, currency: r.currency, entries: [] };
    line.entries.push(r);
    lines.set(key, line);
  }
  return lines;
}

const sum = (entries: LineEntry[], pick: (e: LineEntry) => boolean) =>
  entries.filter(pick).reduce((s, e) => s + e.amount_minor, 0);
const isReversal = (e: LineEntry) => e.kind === 'reversed' || e.kind === 'clawed_back';

/** How much a reversal should take from a line, given its entries so far. */
type Target = (entries: LineEntry[]) => number;

/**
 * Takes back part of each line's commission. What the payable balance still
 * holds is `reversed`; what was already paid out is `clawed_back` (the balance
 * goes negative and later commissions make up for it).
 */
async function reverseLines(db: Db, orderId: string, cause: string, target: Target, at: Date, reason: string) {
  for (const [itemId, line] of await lineEntries(db, orderId)) {
    const amount = target(line.entries);
    if (amount <= 0) continue;
    const availableAt = line.entries.find((e) => e.kind === 'pending')?.available_at ?? null;
    let covered = amount;
    if (availableAt !== null && availableAt <= at.toISOString()) {
      const balance = (await balances(db, at, line.affiliateId)).find((b) => b.currency === line.currency);
      covered = Math.min(amount, Math.max(0, balance?.payableMinor ?? 0));
    }
    const base = {
      affiliateId: line.affiliateId,
      orderId,
      orderItemId: itemId,
      cause,
      currency: line.currency,
      availableAt,
      reason,
      at,
    };
    if (covered > 0) await appendEntry(db, { ...base, kind: 'reversed', amountMinor: -covered });
    if (amount - covered > 0) await appendEntry(db, { ...base, kind: 'clawed_back', amountMinor: -(amount - covered) });
  }
}

/** Whatever is left of each line's commission (full refund, chargeback). */
const remaining: Target = (entries) => sum(entries, (e) => e.kind === 'pending') + sum(entries, isReversal);

export async function reverseForRefund(db: Db, order: Order, at: Date): Promise<void> {
  await reverseLines(db, order.id, 'refund', remaining, at, 'refund');
}

/** A partial refund takes the refunded share of the order from each line (its running total keys the entry). */
export async function reverseForPartialRefund(db: Db, order: Order, refundedMinor: number, at: Date): Promise<void> {
  const target: Target = (entries) => {
    const sale = sum(entries, (e) => e.kind === 'pending' && e.cause === 'sale');
    const byRefunds = -sum(entries, (e) => isReversal(e) && e.cause.startsWith('refund'));
    return Math.min(reversedShare(sale, refundedMinor, order.total_minor) - byRefunds, remaining(entries));
  };
  await reverseLines(db, order.id, `refund:${refundedMinor}`, target, at, 'partial refund');
}

export async function reverseForDispute(db: Db, order: Order, disputeId: string, at: Date): Promise<void> {
  await reverseLines(db, order.id, `dispute:${disputeId}`, remaining, at, 'chargeback');
}

/** A won chargeback earns each line again what that dispute took, on the line's original hold. */
export async function restoreAfterDispute(db: Db, order: Order, disputeId: string, at: Date): Promise<void> {
  for (const [itemId, line] of await lineEntries(db, order.id)) {
    const taken = -sum(line.entries, (e) => isReversal(e) && e.cause === `dispute:${disputeId}`);
    if (taken <= 0) continue;
    await appendEntry(db, {
      affiliateId: line.affiliateId,
      orderId: order.id,
      orderItemId: itemId,
      kind: 'pending',
      cause: `dispute-won:${disputeId}`,
      amountMinor: taken,
      currency: line.currency,
      availableAt: line.entries.find((e) => e.kind === 'pending')?.available_at ?? null,
      reason: 'chargeback won',
      at,
    });
  }
}
