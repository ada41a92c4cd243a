import type { Db } from '../../db/schema.js';
import { toEurMinor } from './convert.js';
import { dailyRates } from './rates.js';

/**
 * Adds up sums in several currencies as EUR cents: EUR as it is, others per
 * day at the latest ECB rate published on or before that day (at most a
 * week back). Days without such a rate are returned in `unconverted` and
 * not counted. Rows: `{ currency, day, total }` with day YYYY-MM-DD (any
 * value for EUR), `year` bounds the rates read.
 */
export async function sumInEur(
  db: Db,
  rows: readonly { currency: string; day: string; total: string | number | bigint | null }[],
  year: number,
): Promise<{ eurMinor: number; unconverted: { currency: string; day: string; minor: number }[] }> {
  let eurMinor = 0;
  const unconverted: { currency: string; day: string; minor: number }[] = [];
  const others = [...new Set(rows.filter((r) => r.currency !== 'EUR').map((r) => r.currency))];
  const rateOn = await dailyRates(db, others, `${year}-01-01`, `${year}-12-31`);
  for (const r of rows) {
    const minor = Number(r.total ?? 0);
    if (r.currency === 'EUR') {
      eurMinor += minor;
      continue;
    }
    const rate = rateOn(r.currency, r.day);
    if (rate) eurMinor += toEurMinor(minor, r.currency, rate.rate);
    else unconverted.push({ currency: r.currency, day: r.day, minor });
  }
  return { eurMinor, unconverted };
}
