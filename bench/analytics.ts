// Leverage analytics at scale: a generated store with N orders (default
// 1,000,000) on SQLite and on PostgreSQL, the daily aggregates recounted from
// them, then the dashboard's data function (loadAnalytics + buildReport) timed.
// The data is generated inside the database (a recursive CTE on SQLite,
// generate_series on PostgreSQL): one INSERT … SELECT per table. Four in five
// orders have a known payment fee (order_payment_details). Billing countries are spread over EU and
// non-EU countries, a tenth without one (orders from before checkout asked), so the recount fills the
// per-country sums; the dashboard is timed with them and, in the same run, with them set aside.
// Self-contained; `node --import tsx bench/analytics.ts` runs it alone.
// Then N subscriptions (default 100,000) over the same three years are added, the subscription ledger is
// synced once (timed), and the MRR part (loadMembershipAnalytics: the tiles' figures, a sync of what
// changed, the stored daily flows; then the monthly MRR/churn figures) is timed against the dashboard
// data of the same run without memberships.
// Settings: BENCH_ANALYTICS_ORDERS (SQLite, default 1000000), BENCH_ANALYTICS_PG_ORDERS (default 250000),
// BENCH_ANALYTICS_SUBSCRIPTIONS (default 100000), BENCH_PG_URL.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { type Database, migrateToLatest, openDatabase } from '../src/db/database.js';
import type { DB } from '../src/db/schema.js';
import { loadCountrySales } from '../src/features/analytics/country-data.js';
import { loadAnalytics } from '../src/features/analytics/dashboard-data.js';
import { loadMembershipFigures } from '../src/features/analytics/membership-figures.js';
import { churnBetween, mrrByMonth } from '../src/features/analytics/mrr.js';
import { loadSubscriptionFlows, syncSubscriptionFlows } from '../src/features/analytics/mrr-data.js';
import { rebuildSalesAggregates } from '../src/features/analytics/rebuild-aggregates.js';
import { buildReport } from '../src/features/analytics/report.js';
import { addDays } from '../src/features/analytics/time-zone.js';
import { translator } from '../src/web/messages.js';
import '../src/features/index.js'; // the texts come from the feature list

export type AnalyticsRow = { measure: string; value: number | null; unit: string; note?: string };

// 1,000,000 orders on SQLite; PostgreSQL loads more slowly, so its default keeps the step under a minute
// (the dashboard reads only daily aggregates: its time depends on days × products, not on the order count).
const ORDERS = {
  sqlite: Number(process.env.BENCH_ANALYTICS_ORDERS ?? 1_000_000),
  postgres: Number(process.env.BENCH_ANALYTICS_PG_ORDERS ?? 250_000),
};
const SUBSCRIPTIONS = Number(process.env.BENCH_ANALYTICS_SUBSCRIPTIONS ?? 100_000);
const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://root@127.0.0.1:5432/test';
const PRODUCTS = 20;
const START = 1_700_000_000; // Nov 2023: three years of sales up to now

/** Generator SQL per dialect: i = 1..n → a row. */
function series(dialect: 'sqlite' | 'postgres', n: number) {
  return dialect === 'sqlite'
    ? {
        with: sql`WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM g WHERE i < ${sql.lit(n)}) `,
        from: sql`g`,
      }
    : { with: sql``, from: sql`generate_series(1, ${sql.lit(n)}) AS g(i)` };
}

function isoOf(dialect: 'sqlite' | 'postgres', seconds: ReturnType<typeof sql>) {
  return dialect === 'sqlite'
    ? sql`strftime('%Y-%m-%dT%H:%M:%fZ', ${seconds}, 'unixepoch')`
    : sql`to_char(to_timestamp(${seconds}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

async function generate(root: Kysely<DB>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  // Bulk load: foreign keys are not checked row by row (the generated ids are consistent by construction).
  if (dialect === 'sqlite') await sql`PRAGMA foreign_keys = OFF`.execute(root);
  await root.transaction().execute(async (db) => {
    if (dialect === 'postgres') {
      await sql`SET LOCAL session_replication_role = replica`.execute(db);
      await sql`SET LOCAL synchronous_commit = off`.execute(db);
    }
    await load(db, dialect);
  });
  if (dialect === 'sqlite') await sql`PRAGMA foreign_keys = ON`.execute(root);
  if (dialect === 'postgres') await sql`ANALYZE`.execute(root);
}

async function load(db: Kysely<DB>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  const n = ORDERS[dialect];
  const CUSTOMERS = Math.max(1, Math.floor(n / 5));
  const STEP = Math.max(1, Math.floor((3 * 365 * 86_400) / n));
  const now = new Date().toISOString();
  for (let p = 0; p < PRODUCTS; p++) {
    await db
      .insertInto('products')
      .values({
        id: `p${p}`,
        slug: `product-${p}`,
        title: `Product ${p + 1}`,
        pricing: 'fixed',
        currency: 'EUR',
        price_minor: 1000 + p * 500,
        status: 'published',
        cover_key: null,
        suggested_price_minor: null,
        created_at: now,
        updated_at: now,
        published_at: now,
      })
      .execute();
    await db
      .insertInto('effort_entries')
      .values({
        id: `e${p}`,
        product_id: `p${p}`,
        day: '2023-11-01',
        minutes: 600 + p * 120,
        category: 'creation',
        note: '',
        created_at: now,
      })
      .execute();
  }
  const c = series(dialect, CUSTOMERS);
  await sql`${c.with}INSERT INTO customers (id, email, name, locale, created_at)
    SELECT 'c' || i, 'buyer' || i || '@example.com', '', 'en', ${now} FROM ${c.from}`.execute(db);
  const o = series(dialect, n);
  const at = isoOf(dialect, sql`${sql.lit(START)} + i * ${sql.lit(STEP)}`);
  const refundAt = isoOf(dialect, sql`${sql.lit(START)} + i * ${sql.lit(STEP)} + 86400 * 3`);
  const total = sql`(1000 + (i % ${sql.lit(PRODUCTS)}) * 500)`;
  const tax = sql`((1000 + (i % ${sql.lit(PRODUCTS)}) * 500) * 19 / 119)`;
  // Three in ten from Germany, one each from Austria, France, the Netherlands, the US, the UK, Switzerland; one unknown.
  const country = sql`CASE i % 10 WHEN 3 THEN 'AT' WHEN 4 THEN 'FR' WHEN 5 THEN 'NL' WHEN 6 THEN 'US' WHEN 7 THEN 'GB'
    WHEN 8 THEN 'CH' WHEN 9 THEN NULL ELSE 'DE' END`;
  await sql`${o.with}INSERT INTO orders (id, number, customer_id, email, name, locale, status, currency, subtotal_minor,
      discount_minor, total_minor, tax_minor, refunded_minor, discount_code_id, provider, provider_ref, access_key, created_at, updated_at, paid_at, refunded_at,
      billing_country)
    SELECT 'o' || i, 'B-' || i, 'c' || (1 + i % ${sql.lit(CUSTOMERS)}), 'buyer' || (1 + i % ${sql.lit(CUSTOMERS)}) || '@example.com', '', 'en',
      CASE WHEN i % 25 = 0 THEN 'refunded' ELSE 'paid' END, 'EUR', ${total}, 0, ${total}, ${tax},
      CASE WHEN i % 25 = 0 THEN ${total} ELSE 0 END, NULL, 'test', NULL, 'k' || i, ${at},
      CASE WHEN i % 25 = 0 THEN ${refundAt} ELSE ${at} END, ${at}, CASE WHEN i % 25 = 0 THEN ${refundAt} ELSE NULL END,
      ${country}
    FROM ${o.from}`.execute(db);
  await sql`${o.with}INSERT INTO order_items (id, order_id, product_id, title, unit_price_minor, quantity, discount_minor, total_minor, tax_minor)
    SELECT 'i' || i, 'o' || i, 'p' || (i % ${sql.lit(PRODUCTS)}), 'Product', ${total}, 1, 0, ${total}, ${tax} FROM ${o.from}`.execute(
    db,
  );
  // Four in five orders with a known payment fee (1.5 % + 25), so the recount joins them and the dashboard shows fees.
  const fee = sql`((${total} * 15 + 500) / 1000 + 25)`;
  await sql`${o.with}INSERT INTO order_payment_details (order_id, provider, card_country, fee_minor, fee_currency, net_minor,
      balance_ref, fee_lookups, fee_looked_at, created_at, updated_at)
    SELECT 'o' || i, 'test', NULL, ${fee}, 'EUR', ${total} - ${fee}, NULL, 0, NULL, ${at}, ${at} FROM ${o.from} WHERE i % 5 <> 0`.execute(
    db,
  );
}

/** A paid tier and its members' subscriptions: a fifth yearly, a quarter ended (some canceled at period end). */
async function generateSubscriptions(root: Kysely<DB>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  const now = new Date().toISOString();
  const n = SUBSCRIPTIONS;
  const STEP = Math.max(1, Math.floor((3 * 365 * 86_400) / n));
  await root
    .insertInto('products')
    .values({
      id: 'ptier',
      slug: 'membership-reader',
      title: 'Reader',
      kind: 'membership',
      pricing: 'fixed',
      currency: 'EUR',
      price_minor: 500,
      status: 'published',
      cover_key: null,
      suggested_price_minor: null,
      created_at: now,
      updated_at: now,
      published_at: now,
    })
    .execute();
  await root
    .insertInto('membership_tiers')
    .values({
      id: 'tier',
      slug: 'reader',
      name: 'Reader',
      product_id: 'ptier',
      currency: 'EUR',
      monthly_price_minor: 500,
      yearly_price_minor: 5000,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const g = series(dialect, n);
  const at = (plusDays: string) => isoOf(dialect, sql`${sql.lit(START)} + i * ${sql.lit(STEP)} + ${sql.raw(plusDays)}`);
  const created = at('0');
  const ended = at('86400 * (30 + i % 400)');
  const future = isoOf(dialect, sql`${sql.lit(Math.floor(Date.now() / 1000))} + 86400 * (1 + i % 30)`);
  await root.transaction().execute(async (db) => {
    if (dialect === 'postgres') await sql`SET LOCAL synchronous_commit = off`.execute(db);
    await sql`${g.with}INSERT INTO members (id, email, name, locale, customer_id, email_status, source, created_at, confirmed_at, unsubscribed_at, updated_at)
      SELECT 'm' || i, 'member' || i || '@example.com', '', 'en', NULL, 'subscribed', 'checkout', ${created}, ${created}, NULL, ${created}
      FROM ${g.from}`.execute(db);
    await sql`${g.with}INSERT INTO subscriptions (id, member_id, tier_id, interval, status, cancel_at_period_end, price_minor, currency,
        provider, provider_ref, current_period_start, current_period_end, access_until, failed_payments, created_at, updated_at, canceled_at, ended_at)
      SELECT 's' || i, 'm' || i, 'tier', CASE WHEN i % 5 = 0 THEN 'year' ELSE 'month' END,
        CASE WHEN i % 4 = 0 THEN 'expired' WHEN i % 50 = 1 THEN 'past_due' ELSE 'active' END,
        CASE WHEN i % 20 = 3 THEN 1 ELSE 0 END, CASE WHEN i % 5 = 0 THEN 5000 ELSE 500 END, 'EUR',
        'test', NULL, ${created}, ${created},
        CASE WHEN i % 4 = 0 THEN ${ended} ELSE ${future} END, 0, ${created}, ${created},
        NULL, CASE WHEN i % 4 = 0 THEN ${ended} ELSE NULL END
      FROM ${g.from}`.execute(db);
  });
  if (dialect === 'postgres') await sql`ANALYZE`.execute(root);
}

async function median(run: () => Promise<unknown>): Promise<{ median: number; max: number }> {
  const times: number[] = [];
  for (let i = 0; i < 12; i++) {
    const t0 = performance.now();
    await run();
    if (i >= 2) times.push(performance.now() - t0); // two warm-up runs
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)] ?? 0, max: times[times.length - 1] ?? 0 };
}

/** The recount must have counted every order under one of the seven countries or the unknown bucket. */
async function checkCountries(db: Kysely<DB>, orders: number): Promise<void> {
  const r = await db
    .selectFrom('daily_country_sales')
    .select((eb) => [eb.fn.sum<number>('orders').as('n'), eb.fn.count<number>('country').distinct().as('c')])
    .executeTakeFirstOrThrow();
  if (Number(r.n) !== orders || Number(r.c) !== 8)
    throw new Error(`per-country sums hold ${r.n} orders in ${r.c} countries, expected ${orders} in 8`);
}

/**
 * The dashboard data with the per-country sums set aside (an empty table: the country
 * query costs next to nothing) and with them, alternated so both see the same machine load.
 */
async function timeCountries(db: Kysely<DB>) {
  await sql`CREATE TABLE bench_country_sales AS SELECT * FROM daily_country_sales`.execute(db);
  const without: number[] = [];
  const withCountries: number[] = [];
  for (let round = 0; round < 3; round++) {
    await db.deleteFrom('daily_country_sales').execute();
    without.push((await timeDashboard(db)).median);
    await sql`INSERT INTO daily_country_sales SELECT * FROM bench_country_sales`.execute(db);
    withCountries.push((await timeDashboard(db)).median);
  }
  await sql`DROP TABLE bench_country_sales`.execute(db);
  const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[1] ?? 0;
  const today = new Date().toISOString().slice(0, 10);
  const query = (from: string) => median(() => loadCountrySales(db, { currency: 'EUR', from, to: today }));
  const ninety = await query(addDays(today, -89));
  const all = await query('0000-01-01');
  return {
    without: mid(without),
    with: mid(withCountries),
    rounds: { without, with: withCountries },
    query: { ninety: ninety.median, all: all.median },
  };
}

function timeDashboard(db: Kysely<DB>): Promise<{ median: number; max: number }> {
  const t = translator('en');
  return median(async () => {
    const data = await loadAnalytics(db, { currency: 'EUR', range: '90' });
    buildReport(data, data.period, t, 'en');
  });
}

/** The MRR history alone: a sync of what changed, the stored flows, 'all time' month by month. */
function timeHistory(db: Kysely<DB>): Promise<{ median: number; max: number }> {
  return median(async () => {
    const now = new Date();
    const today = now.toISOString().slice(0, 10);
    const flows = await loadSubscriptionFlows(db, { currency: 'EUR', timeZone: 'Europe/Berlin', now });
    const first = flows[0]?.day ?? today;
    mrrByMonth(flows, first, today);
    churnBetween(flows, first, today);
  });
}

/** The figures now (MRR, paid and free members): the admin dashboard's shared function. */
function timeTiles(db: Kysely<DB>): Promise<{ median: number; max: number }> {
  return median(() => loadMembershipFigures(db, 'EUR', new Date()));
}

async function runOn(database: Database, label: string, out: AnalyticsRow[]): Promise<void> {
  const { db, dialect } = database;
  await migrateToLatest(db);
  const t0 = performance.now();
  await generate(db, dialect);
  const generated = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  const r = await rebuildSalesAggregates(db, dialect);
  const rebuilt = (performance.now() - t1) / 1000;
  await checkCountries(db, ORDERS[dialect]);
  const countries = await timeCountries(db);
  const d = await timeDashboard(db);
  const t2 = performance.now();
  await generateSubscriptions(db, dialect);
  const subsLoaded = (performance.now() - t2) / 1000;
  const t3 = performance.now();
  await syncSubscriptionFlows(db, { timeZone: 'Europe/Berlin', now: new Date() });
  const firstSync = (performance.now() - t3) / 1000;
  const history = await timeHistory(db);
  const tiles = await timeTiles(db);
  const full = await timeDashboard(db);
  const n = ORDERS[dialect].toLocaleString('en-US');
  const s = SUBSCRIPTIONS.toLocaleString('en-US');
  out.push({
    measure: `analytics data generated, ${label}`,
    value: ORDERS[dialect] / generated,
    unit: 'orders/s',
    note: `${n} orders + items in ${generated.toFixed(1)} s`,
  });
  out.push({
    measure: `analytics recount from orders, ${label}`,
    value: rebuilt,
    unit: 's',
    note: `${r.orders.toLocaleString('en-US')} orders`,
  });
  out.push({
    measure: `leverage dashboard data, ${label}`,
    value: d.median,
    unit: 'ms',
    note: `median of 10, max ${d.max.toFixed(1)} ms, ${n} orders`,
  });
  const fmt = (xs: number[]) => xs.map((x) => x.toFixed(1)).join('/');
  out.push({
    measure: `leverage dashboard data without per-country sums, ${label}`,
    value: countries.without,
    unit: 'ms',
    note: `middle of 3 medians (${fmt(countries.rounds.without)} ms), the country table set aside`,
  });
  out.push({
    measure: `leverage dashboard data with sales per country, ${label}`,
    value: countries.with,
    unit: 'ms',
    note: `middle of 3 medians (${fmt(countries.rounds.with)} ms), alternated with the run without; ${(countries.with / countries.without).toFixed(2)} × without`,
  });
  out.push({
    measure: `per-country query alone, 90 days, ${label}`,
    value: countries.query.ninety,
    unit: 'ms',
    note: `median of 10; all time: ${countries.query.all.toFixed(1)} ms (${(countries.query.all / countries.without).toFixed(2)} × the dashboard data without it)`,
  });
  out.push({
    measure: `subscription ledger first sync, ${label}`,
    value: firstSync,
    unit: 's',
    note: `${s} subscriptions read once (after a recount or a time-zone change)`,
  });
  out.push({
    measure: `MRR history and churn data, ${label}`,
    value: history.median,
    unit: 'ms',
    note: `median of 10, max ${history.max.toFixed(1)} ms, ${s} subscriptions (loaded in ${subsLoaded.toFixed(1)} s); ${(history.median / d.median).toFixed(2)} × the dashboard data without memberships`,
  });
  out.push({
    measure: `membership figures now (shared with the admin dashboard), ${label}`,
    value: tiles.median,
    unit: 'ms',
    note: `median of 10, max ${tiles.max.toFixed(1)} ms; ${(tiles.median / d.median).toFixed(2)} × the dashboard data without memberships`,
  });
  out.push({
    measure: `leverage dashboard data with memberships, ${label}`,
    value: full.median,
    unit: 'ms',
    note: `median of 10, max ${full.max.toFixed(1)} ms, ${n} orders + ${s} subscriptions; ${(full.median / d.median).toFixed(2)} × without`,
  });
  for (const row of out.slice(-10))
    console.log(`  ${row.measure}: ${row.value?.toFixed(1)} ${row.unit}  (${row.note})`);
}

async function pgAdmin(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** Both databases; PostgreSQL is skipped (recorded as such) when it cannot be reached. */
export async function benchAnalytics(): Promise<AnalyticsRow[]> {
  const out: AnalyticsRow[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'vf-bench-analytics-'));
  const lite = await openDatabase(`sqlite:${join(dir, 'analytics.db')}`);
  try {
    await runOn(lite, 'SQLite', out);
  } finally {
    await lite.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const name = `vf_bench_analytics_${Date.now().toString(36)}`;
  try {
    await pgAdmin(`CREATE DATABASE ${name}`);
  } catch (err) {
    out.push({ measure: 'leverage dashboard data, PostgreSQL', value: null, unit: 'ms', note: (err as Error).message });
    return out;
  }
  const u = new URL(PG_URL);
  u.pathname = `/${name}`;
  const pgdb = await openDatabase(u.toString(), { poolSize: 4 });
  try {
    await runOn(pgdb, 'PostgreSQL', out);
  } finally {
    await pgdb.close();
    await pgAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const t0 = performance.now();
  benchAnalytics().then(
    () => console.log(`analytics bench: ${((performance.now() - t0) / 1000).toFixed(1)} s`),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
