import type { Db } from '../../db/schema.js';
import { localDay } from '../analytics/time-zone.js';

/**
 * What affiliate commissions cost the creator, per store-local day, in one
 * currency: the order lines' commissions less their reversals and
 * claw-backs, dated when each entry was written. Payouts are not a cost
 * (they settle what was already counted), so 'paid' entries stay out.
 */
export async function commissionCostByDay(
  db: Db,
  currency: string,
  timeZone: string,
): Promise<{ day: string; minor: number }[]> {
  const rows = await db
    .selectFrom('affiliate_commission_entries')
    .select(['created_at', 'amount_minor'])
    .where('currency', '=', currency)
    .where('kind', 'in', ['pending', 'reversed', 'clawed_back'])
    .execute();
  const byDay = new Map<string, number>();
  for (const r of rows) {
    const day = localDay(r.created_at, timeZone);
    byDay.set(day, (byDay.get(day) ?? 0) + r.amount_minor);
  }
  return [...byDay].sort(([a], [b]) => a.localeCompare(b)).map(([day, minor]) => ({ day, minor }));
}
