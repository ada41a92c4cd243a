import type { Db } from '../../db/schema.js';
import { appendEntry } from './ledger.js';

/**
 * Marks the lines whose hold ended with a money-neutral `approved` entry (the
 * payable sums read `available_at`, so they never wait for this). Run daily;
 * running it again appends nothing. Returns how many lines it approved.
 */
export async function approveDueCommissions(db: Db, asOf: Date, affiliateId?: string): Promise<number> {
  let q = db
    .selectFrom('affiliate_commission_entries as e')
    .select(['e.affiliate_id', 'e.order_id', 'e.order_item_id', 'e.currency'])
    .select((eb) => eb.fn.sum<number>('e.amount_minor').as('net'))
    .select((eb) => eb.fn.max('e.available_at').as('available_at'))
    .where('e.order_item_id', 'is not', null)
    .groupBy(['e.affiliate_id', 'e.order_id', 'e.order_item_id', 'e.currency'])
    .having((eb) => eb.fn.max('e.available_at'), '<=', asOf.toISOString())
    .having((eb) => eb.fn.sum('e.amount_minor'), '>', 0)
    // Lines already marked are left out, so a page view writes only what is new.
    .having((eb) => eb.fn.sum(eb.case().when('e.kind', '=', 'approved').then(1).else(0).end()), '=', 0);
  if (affiliateId) q = q.where('e.affiliate_id', '=', affiliateId);
  const rows = await q.execute();
  let approved = 0;
  for (const r of rows) {
    const added = await appendEntry(db, {
      affiliateId: r.affiliate_id,
      orderId: r.order_id,
      orderItemId: r.order_item_id,
      kind: 'approved',
      cause: 'hold-ended',
      amountMinor: 0,
      currency: r.currency,
      availableAt: r.available_at,
      reason: 'hold period ended',
      at: asOf,
    });
    if (added) approved++;
  }
  return approved;
}
