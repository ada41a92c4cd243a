import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { ACCESS_STATUSES } from '../memberships/access.js';
import { loadMembershipFigures, type MembershipFigures } from '../memberships/membership-figures.js';
import type { SubscriptionFlow } from './mrr.js';
import { shiftSql } from './rebuild-aggregates.js';
import { addDays } from './time-zone.js';

export type MembershipAnalytics = {
  /** The admin dashboard's figures now (MRR, paid and free members), from the one shared function. */
  now: MembershipFigures;
  /** Starts and ends per store-local day, in the chosen currency. */
  flows: SubscriptionFlow[];
};

const n = (v: unknown) => Number(v ?? 0);

/**
 * Subscriptions that were ever paid (a first period began), grouped in SQL by
 * the store-local day they started and the day they ended, per interval: two
 * scans of `subscriptions` returning at most a row per day and interval, so
 * any month's MRR and churn follow without a snapshot table.
 * Start: created_at (the first payment follows within the checkout). End: the
 * expiry (ended_at), or access_until once it has passed for a subscription the
 * expiry job has not reached yet — the same moment access stops.
 * History uses each subscription's current price (a tier change at renewal
 * moves its whole line).
 */
export async function loadSubscriptionFlows(
  db: Kysely<DB>,
  opts: { currency: string; timeZone: string; now: Date },
): Promise<SubscriptionFlow[]> {
  const nowIso = opts.now.toISOString();
  const ever = db
    .selectFrom('subscriptions')
    .where('currency', '=', opts.currency)
    .where('current_period_start', 'is not', null);
  const range = await ever.select((eb) => eb.fn.min('created_at').as('lo')).executeTakeFirst();
  const lo = range?.lo;
  if (!lo) return [];
  const interval = sql.ref('interval');
  const startShift = shiftSql(sql.ref('created_at'), lo, nowIso, opts.timeZone);
  const endAt = sql<string | null>`CASE WHEN status IN (${sql.join(ACCESS_STATUSES.map((s) => sql.lit(s)))})
      THEN CASE WHEN access_until <= ${nowIso} THEN access_until END
      ELSE COALESCE(ended_at, access_until, updated_at) END`;
  const endShift = shiftSql(sql.ref('e'), lo, nowIso, opts.timeZone);
  const [starts, ends] = await Promise.all([
    sql<{ d: string; s: number; iv: string; p: number | string; c: number | string }>`
      SELECT substr(created_at, 1, 10) AS d, ${startShift} AS s, ${interval} AS iv,
        SUM(price_minor) AS p, COUNT(*) AS c
      FROM subscriptions
      WHERE currency = ${opts.currency} AND current_period_start IS NOT NULL
      GROUP BY 1, 2, 3`.execute(db),
    sql<{ d: string; s: number; iv: string; p: number | string; c: number | string }>`
      SELECT substr(e, 1, 10) AS d, ${endShift} AS s, iv, SUM(price_minor) AS p, COUNT(*) AS c
      FROM (SELECT ${endAt} AS e, ${interval} AS iv, price_minor FROM subscriptions
            WHERE currency = ${opts.currency} AND current_period_start IS NOT NULL) x
      WHERE e IS NOT NULL
      GROUP BY 1, 2, 3`.execute(db),
  ]);
  const days = new Map<string, SubscriptionFlow>();
  const at = (d: string, s: number) => {
    const day = addDays(d, Number(s));
    const f = days.get(day) ?? {
      day,
      startMonthly: 0,
      startYearly: 0,
      starts: 0,
      endMonthly: 0,
      endYearly: 0,
      ends: 0,
    };
    days.set(day, f);
    return f;
  };
  for (const r of starts.rows) {
    const f = at(r.d, r.s);
    if (r.iv === 'year') f.startYearly += n(r.p);
    else f.startMonthly += n(r.p);
    f.starts += n(r.c);
  }
  for (const r of ends.rows) {
    const f = at(r.d, r.s);
    if (r.iv === 'year') f.endYearly += n(r.p);
    else f.endMonthly += n(r.p);
    f.ends += n(r.c);
  }
  return [...days.values()].sort((a, b) => (a.day < b.day ? -1 : 1));
}

/** Only once a membership tier exists (like the admin dashboard's tiles). */
export async function loadMembershipAnalytics(
  db: Kysely<DB>,
  opts: { currency: string; timeZone: string; now: Date },
): Promise<MembershipAnalytics | undefined> {
  const tier = await db.selectFrom('membership_tiers').select('id').limit(1).executeTakeFirst();
  if (!tier) return undefined;
  const [now, flows] = await Promise.all([
    loadMembershipFigures(db, opts.currency, opts.now),
    loadSubscriptionFlows(db, opts),
  ]);
  return { now, flows };
}
