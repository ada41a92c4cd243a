import type { Db } from '../../db/schema.js';
import { ECB_CURRENCIES } from './convert.js';
import { addDays, publicationDayOnOrAfter } from './ecb-calendar.js';
import type { EcbRate } from './ecb-files.js';

/** The rate of one currency for a period's last day, or why there is none. */
export type PeriodEndRate =
  | { ok: true; currency: string; date: string; rate: string }
  | {
      ok: false;
      currency: string;
      /** The publication day whose rates are needed. */
      date: string;
      /** no-ecb-rate: the ECB publishes none; not-yet: that day is today or later; not-imported: import its file. */
      reason: 'no-ecb-rate' | 'not-yet' | 'not-imported';
    };

/** How many publication days without the currency (but with others) still count as "the ECB skipped it". */
const SKIPPED_DAYS_LIMIT = 10;

/**
 * The ECB rate for converting a period ending on `lastDay` (YYYY-MM-DD): the
 * rate published for that day or, if none was published that day, the one
 * of the next day of publication — Art. 369h (2) VAT Directive (Art. 366 (2)
 * for the non-Union scheme), § 16 Abs. 6 Sätze 4 und 5 UStG, Abschn. 18j.1
 * Abs. 4 UStAE. Publication days come from the TARGET calendar, so a day
 * that simply was not imported is reported as missing, never replaced by a
 * later rate; a later rate is taken only when the ECB published that day
 * without this currency (it is in the file with other currencies).
 * `today` (YYYY-MM-DD, UTC): a day from today on may not be published yet.
 */
export async function periodEndRate(db: Db, currency: string, lastDay: string, today: string): Promise<PeriodEndRate> {
  const missing = (date: string, reason: 'no-ecb-rate' | 'not-yet' | 'not-imported') =>
    ({ ok: false, currency, date, reason }) as const;
  if (!ECB_CURRENCIES.has(currency)) return missing(lastDay, 'no-ecb-rate');
  const next = await db
    .selectFrom('exchange_rates')
    .select(['date', 'rate'])
    .where('currency', '=', currency)
    .where('date', '>=', lastDay)
    .orderBy('date')
    .limit(1)
    .executeTakeFirst();
  let day = publicationDayOnOrAfter(lastDay);
  for (let skipped = 0; skipped <= SKIPPED_DAYS_LIMIT; skipped++) {
    if (next && next.date <= day) return { ok: true, currency, date: next.date, rate: next.rate };
    if (day >= today) return missing(day, 'not-yet');
    if (!(await publicationImported(db, day))) return missing(day, 'not-imported');
    day = publicationDayOnOrAfter(addDays(day, 1));
  }
  return missing(publicationDayOnOrAfter(lastDay), 'no-ecb-rate');
}

async function publicationImported(db: Db, date: string): Promise<boolean> {
  const row = await db.selectFrom('exchange_rates').select('date').where('date', '=', date).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** How far back "the latest rate on or before a day" may reach (weekends, Easter): older means missing. */
const STALE_DAYS = 7;

/**
 * Rates of `currencies` for days in [from, to], to pick per day the latest
 * published on or before it (at most a week before; longer gaps are gaps).
 */
export async function dailyRates(db: Db, currencies: readonly string[], from: string, to: string) {
  const rows =
    currencies.length === 0
      ? []
      : await db
          .selectFrom('exchange_rates')
          .select(['currency', 'date', 'rate'])
          .where('currency', 'in', currencies)
          .where('date', '>=', addDays(from, -STALE_DAYS))
          .where('date', '<=', to)
          .orderBy('currency')
          .orderBy('date')
          .execute();
  const byCurrency = new Map<string, { date: string; rate: string }[]>();
  for (const r of rows) byCurrency.set(r.currency, [...(byCurrency.get(r.currency) ?? []), r]);
  return (currency: string, day: string): { date: string; rate: string } | undefined => {
    const list = byCurrency.get(currency) ?? [];
    let found: { date: string; rate: string } | undefined;
    for (const r of list) {
      if (r.date > day) break;
      found = r;
    }
    return found && found.date >= addDays(day, -STALE_DAYS) ? found : undefined;
  };
}

/** The newest imported day per currency, for the admin. */
export function latestRates(db: Db): Promise<{ currency: string; date: string }[]> {
  return db
    .selectFrom('exchange_rates')
    .select(['currency', (eb) => eb.fn.max('date').as('date')])
    .groupBy('currency')
    .orderBy('currency')
    .execute();
}

const BATCH = 1000;

/**
 * Inserts rates and keeps what is stored (a repeated import adds nothing).
 * One upsert tells both apart: a conflict whose stored rate differs "updates"
 * the row to itself, so RETURNING yields it with the stored rate, while new
 * rows come back with their own; equal conflicts return nothing.
 */
export async function insertRates(
  trx: Db,
  rates: readonly EcbRate[],
  source: string,
  now: string,
): Promise<{ inserted: number; conflicts: (EcbRate & { stored: string })[] }> {
  let inserted = 0;
  const conflicts: (EcbRate & { stored: string })[] = [];
  for (let i = 0; i < rates.length; i += BATCH) {
    const batch = rates.slice(i, i + BATCH);
    const returned = await trx
      .insertInto('exchange_rates')
      .values(batch.map((r) => ({ ...r, source, imported_at: now })))
      .onConflict((oc) =>
        oc
          .columns(['currency', 'date'])
          .doUpdateSet({ imported_at: (eb) => eb.ref('exchange_rates.imported_at') })
          .where('exchange_rates.rate', '<>', (eb) => eb.ref('excluded.rate')),
      )
      .returning(['currency', 'date', 'rate'])
      .execute();
    const given = new Map(batch.map((r) => [`${r.currency}|${r.date}`, r.rate]));
    for (const r of returned) {
      const rate = given.get(`${r.currency}|${r.date}`) ?? '';
      if (rate === r.rate) inserted += 1;
      else conflicts.push({ currency: r.currency, date: r.date, rate, stored: r.rate });
    }
  }
  return { inserted, conflicts };
}
