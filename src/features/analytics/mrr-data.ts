import { type Kysely, sql } from 'kysely';
import type { DB, Db, Subscription } from '../../db/schema.js';
import { ACCESS_STATUSES } from '../memberships/access.js';
import { GRACE_DAYS } from '../memberships/subscription-rules.js';
import { readSetting, writeSetting } from '../settings/store-settings.js';
import { offsetSegments } from './day-shift.js';
import type { SubscriptionFlow } from './mrr.js';

const n = (v: unknown) => Number(v ?? 0);

/** The sync's watermark: the time zone the days are in and when it last looked. */
const SYNC_KEY = 'analytics.subscriptions_synced';
/** Changes are re-read this far behind the watermark, for transactions that committed late (re-reading adds nothing). */
const OVERLAP_MS = 10 * 60_000;
/** Rows per statement: 7 columns × 1,000 stays under both databases' parameter limits. */
const BATCH = 1000;

type Counted = {
  currency: string;
  interval: string;
  price: number;
  start: string | null;
  end: string | null;
};

type Row = Pick<
  Subscription,
  | 'id'
  | 'currency'
  | 'interval'
  | 'price_minor'
  | 'status'
  | 'created_at'
  | 'current_period_start'
  | 'access_until'
  | 'ended_at'
  | 'updated_at'
>;

/**
 * How a subscription counts in MRR history: from the day it was taken out
 * (created_at; only once a first period was paid) to the day it ended
 * (ended_at: the canceled period's end, the last failed retry, or the admin
 * ending it; or access_until once that has passed, before the expiry job has
 * run — the same rule as the MRR now). Each at its current price and interval.
 */
export function countedOf(r: Row, dayOf: (iso: string) => string, now: Date): Counted {
  const start = r.current_period_start ? dayOf(r.created_at) : null;
  const lapsed =
    (ACCESS_STATUSES as readonly string[]).includes(r.status) &&
    (r.access_until === null || r.access_until <= now.toISOString());
  const endAt =
    r.status === 'expired'
      ? (r.ended_at ?? r.access_until ?? r.updated_at)
      : lapsed
        ? (r.access_until ?? r.updated_at)
        : null;
  return {
    currency: r.currency,
    interval: r.interval,
    price: n(r.price_minor),
    start,
    end: start && endAt ? dayOf(endAt) : null,
  };
}

type Delta = { day: string; currency: string; sm: number; sy: number; s: number; em: number; ey: number; e: number };

function addTo(deltas: Map<string, Delta>, c: Counted, sign: 1 | -1): void {
  const at = (day: string) => {
    const k = `${day}|${c.currency}`;
    const d = deltas.get(k) ?? { day, currency: c.currency, sm: 0, sy: 0, s: 0, em: 0, ey: 0, e: 0 };
    deltas.set(k, d);
    return d;
  };
  const yearly = c.interval === 'year';
  if (c.start) {
    const d = at(c.start);
    d.s += sign;
    if (yearly) d.sy += sign * c.price;
    else d.sm += sign * c.price;
  }
  if (c.end) {
    const d = at(c.end);
    d.e += sign;
    if (yearly) d.ey += sign * c.price;
    else d.em += sign * c.price;
  }
}

const same = (a: Counted, b: Counted) =>
  a.currency === b.currency &&
  a.interval === b.interval &&
  a.price === b.price &&
  a.start === b.start &&
  a.end === b.end;

/**
 * Brings `daily_subscription_flows` up to date with the subscriptions changed
 * since the last sync (found by `updated_at`), through a per-subscription
 * ledger: the old contribution is taken out and the new one added, so running
 * it again changes nothing. The first sync (or one after a time-zone change or
 * a recount) reads every subscription once. Concurrent syncs queue on the
 * watermark row. Returns how many subscriptions were looked at.
 */
export async function syncSubscriptionFlows(db: Kysely<DB>, opts: { timeZone: string; now: Date }): Promise<number> {
  const mark = parseMark(await readSetting(db, SYNC_KEY));
  const fresh = !mark || mark.tz !== opts.timeZone;
  const since = fresh ? '' : new Date(Date.parse(mark.at) - OVERLAP_MS).toISOString();
  if (!fresh) {
    const changed = await db
      .selectFrom('subscriptions')
      .select('id')
      .where('updated_at', '>=', since)
      .limit(1)
      .executeTakeFirst();
    if (!changed && !(await lapsedSince(db, since, opts.now).limit(1).executeTakeFirst())) return 0;
  }
  return db.transaction().execute(async (trx) => {
    // Queue behind any other sync (a row lock on PostgreSQL, the write lock on SQLite), then decide again.
    await trx
      .insertInto('settings')
      .values({ key: SYNC_KEY, value: '' })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    await trx.updateTable('settings').set({ value: sql`value` }).where('key', '=', SYNC_KEY).execute();
    const current = parseMark(await readSetting(trx, SYNC_KEY));
    let from = '';
    if (current && current.tz === opts.timeZone) from = new Date(Date.parse(current.at) - OVERLAP_MS).toISOString();
    else {
      await trx.deleteFrom('analytics_subscriptions').execute();
      await trx.deleteFrom('daily_subscription_flows').execute();
    }
    const updated = await trx.selectFrom('subscriptions').select(COLUMNS).where('updated_at', '>=', from).execute();
    const seen = new Set(updated.map((r) => r.id));
    const lapsed = from ? (await lapsedSince(trx, from, opts.now).execute()).filter((r) => !seen.has(r.id)) : [];
    const rows = [...updated, ...lapsed];
    let lo = opts.now.toISOString();
    for (const r of rows) if (r.created_at < lo) lo = r.created_at;
    const dayOf = localDays(lo, opts.now.toISOString(), opts.timeZone);
    const deltas = new Map<string, Delta>();
    const empty = !from; // the ledger was just emptied: nothing to look up
    for (let i = 0; i < rows.length; i += BATCH) {
      const batch = rows.slice(i, i + BATCH);
      const ledger = new Map(
        (empty
          ? []
          : await trx
              .selectFrom('analytics_subscriptions')
              .selectAll()
              .where(
                'subscription_id',
                'in',
                batch.map((r) => r.id),
              )
              .execute()
        ).map((l) => [
          l.subscription_id,
          {
            currency: l.currency,
            interval: l.interval,
            price: n(l.price_minor),
            start: l.start_day,
            end: l.end_day,
          } satisfies Counted,
        ]),
      );
      const changed: { id: string; c: Counted }[] = [];
      for (const r of batch) {
        const c = countedOf(r, dayOf, opts.now);
        const old = ledger.get(r.id);
        if (old && same(old, c)) continue;
        if (old) addTo(deltas, old, -1);
        addTo(deltas, c, 1);
        changed.push({ id: r.id, c });
      }
      if (changed.length === 0) continue;
      await trx
        .insertInto('analytics_subscriptions')
        .values(
          changed.map(({ id, c }) => ({
            subscription_id: id,
            currency: c.currency,
            interval: c.interval,
            price_minor: c.price,
            start_day: c.start,
            end_day: c.end,
          })),
        )
        .onConflict((oc) =>
          oc.column('subscription_id').doUpdateSet((eb) => ({
            currency: eb.ref('excluded.currency'),
            interval: eb.ref('excluded.interval'),
            price_minor: eb.ref('excluded.price_minor'),
            start_day: eb.ref('excluded.start_day'),
            end_day: eb.ref('excluded.end_day'),
          })),
        )
        .execute();
    }
    const nonZero = [...deltas.values()].filter((d) => d.sm || d.sy || d.s || d.em || d.ey || d.e);
    for (let i = 0; i < nonZero.length; i += BATCH) await addFlows(trx, nonZero.slice(i, i + BATCH));
    if (nonZero.length > 0) {
      // Days whose subscriptions all moved elsewhere: drop them, so the table equals a recount.
      await trx
        .deleteFrom('daily_subscription_flows')
        .where('starts', '=', 0)
        .where('ends', '=', 0)
        .where('start_monthly_minor', '=', 0)
        .where('start_yearly_minor', '=', 0)
        .where('end_monthly_minor', '=', 0)
        .where('end_yearly_minor', '=', 0)
        .execute();
    }
    await writeSetting(trx, SYNC_KEY, JSON.stringify({ tz: opts.timeZone, at: opts.now.toISOString() }));
    return rows.length;
  });
}

const COLUMNS = [
  'id',
  'currency',
  'interval',
  'price_minor',
  'status',
  'created_at',
  'current_period_start',
  'access_until',
  'ended_at',
  'updated_at',
] as const;

/**
 * Subscriptions whose access ran out since `since` without a change of their
 * row (the expiry job has not run yet). Found through the (status, period end)
 * index: access lasts at most the grace days past the period end.
 */
function lapsedSince(db: Db, since: string, now: Date) {
  const nowIso = now.toISOString();
  return db
    .selectFrom('subscriptions')
    .select(COLUMNS)
    .where('status', 'in', ACCESS_STATUSES)
    .where('current_period_end', '>=', new Date(Date.parse(since) - (GRACE_DAYS + 1) * 86_400_000).toISOString())
    .where('current_period_end', '<=', nowIso)
    .where('access_until', '>=', since)
    .where('access_until', '<=', nowIso);
}

/**
 * Store-local days for instants between `fromIso` and `toIso` by the zone's offset stretches
 * (found once): plain arithmetic per instant instead of an Intl call.
 */
export function localDays(fromIso: string, toIso: string, timeZone: string): (iso: string) => string {
  const segments = offsetSegments(fromIso, toIso, timeZone);
  return (iso) => {
    const seg = segments.find((x) => x.untilIso === undefined || iso < x.untilIso) ?? segments[segments.length - 1];
    return new Date(Date.parse(iso) + (seg?.offset ?? 0) * 60_000).toISOString().slice(0, 10);
  };
}

/** Adds the deltas to the stored flows (one statement per batch; each day and currency once in it). */
async function addFlows(db: Db, deltas: Delta[]): Promise<void> {
  const add = (column: string) =>
    sql<number>`${sql.ref(`daily_subscription_flows.${column}`)} + ${sql.ref(`excluded.${column}`)}`;
  await db
    .insertInto('daily_subscription_flows')
    .values(
      deltas.map((d) => ({
        day: d.day,
        currency: d.currency,
        start_monthly_minor: d.sm,
        start_yearly_minor: d.sy,
        starts: d.s,
        end_monthly_minor: d.em,
        end_yearly_minor: d.ey,
        ends: d.e,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['day', 'currency']).doUpdateSet({
        start_monthly_minor: add('start_monthly_minor'),
        start_yearly_minor: add('start_yearly_minor'),
        starts: add('starts'),
        end_monthly_minor: add('end_monthly_minor'),
        end_yearly_minor: add('end_yearly_minor'),
        ends: add('ends'),
      }),
    )
    .execute();
}

function parseMark(v: string | undefined): { tz: string; at: string } | undefined {
  if (!v) return undefined;
  try {
    const m = JSON.parse(v) as { tz?: unknown; at?: unknown };
    return typeof m.tz === 'string' && typeof m.at === 'string' && !Number.isNaN(Date.parse(m.at))
      ? { tz: m.tz, at: m.at }
      : undefined;
  } catch {
    return undefined;
  }
}

/** Makes the next sync recount every subscription (after the sales recount, e.g. for a new time zone). */
export async function resetSubscriptionFlows(db: Db): Promise<void> {
  await db.deleteFrom('settings').where('key', '=', SYNC_KEY).execute();
}

/** The stored flows of one currency, after a sync. */
export async function loadSubscriptionFlows(
  db: Kysely<DB>,
  opts: { currency: string; timeZone: string; now: Date },
): Promise<SubscriptionFlow[]> {
  await syncSubscriptionFlows(db, opts);
  const rows = await db
    .selectFrom('daily_subscription_flows')
    .selectAll()
    .where('currency', '=', opts.currency)
    .orderBy('day')
    .execute();
  return rows.map((r) => ({
    day: r.day,
    startMonthly: n(r.start_monthly_minor),
    startYearly: n(r.start_yearly_minor),
    starts: n(r.starts),
    endMonthly: n(r.end_monthly_minor),
    endYearly: n(r.end_yearly_minor),
    ends: n(r.ends),
  }));
}
