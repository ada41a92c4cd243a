// Leverage analytics at scale: a generated store with N orders (default
// 1,000,000) on SQLite and on PostgreSQL, the daily aggregates recounted from
// them, then the dashboard's data function (loadAnalytics + buildReport) timed.
// The data is generated inside the database (a recursive CTE on SQLite,
// generate_series on PostgreSQL): one INSERT … SELECT per table.
// Self-contained; `node --import tsx bench/analytics.ts` runs it alone.
// Settings: BENCH_ANALYTICS_ORDERS (SQLite, default 1000000), BENCH_ANALYTICS_PG_ORDERS (default 250000), BENCH_PG_URL.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { type Database, migrateToLatest, openDatabase } from '../src/db/database.js';
import type { DB } from '../src/db/schema.js';
import { loadAnalytics } from '../src/features/analytics/dashboard-data.js';
import { rebuildSalesAggregates } from '../src/features/analytics/rebuild-aggregates.js';
import { buildReport } from '../src/features/analytics/report.js';
import { translator } from '../src/web/messages.js';

export type AnalyticsRow = { measure: string; value: number | null; unit: string; note?: string };

// 1,000,000 orders on SQLite; PostgreSQL loads more slowly, so its default keeps the step under a minute
// (the dashboard reads only daily aggregates: its time depends on days × products, not on the order count).
const ORDERS = {
  sqlite: Number(process.env.BENCH_ANALYTICS_ORDERS ?? 1_000_000),
  postgres: Number(process.env.BENCH_ANALYTICS_PG_ORDERS ?? 250_000),
};
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
  await sql`${o.with}INSERT INTO orders (id, number, customer_id, email, name, locale, status, currency, subtotal_minor,
      discount_minor, total_minor, tax_minor, refunded_minor, discount_code_id, provider, provider_ref, access_key, created_at, updated_at, paid_at, refunded_at)
    SELECT 'o' || i, 'B-' || i, 'c' || (1 + i % ${sql.lit(CUSTOMERS)}), 'buyer' || (1 + i % ${sql.lit(CUSTOMERS)}) || '@example.com', '', 'en',
      CASE WHEN i % 25 = 0 THEN 'refunded' ELSE 'paid' END, 'EUR', ${total}, 0, ${total}, ${tax},
      CASE WHEN i % 25 = 0 THEN ${total} ELSE 0 END, NULL, 'test', NULL, 'k' || i, ${at},
      CASE WHEN i % 25 = 0 THEN ${refundAt} ELSE ${at} END, ${at}, CASE WHEN i % 25 = 0 THEN ${refundAt} ELSE NULL END
    FROM ${o.from}`.execute(db);
  await sql`${o.with}INSERT INTO order_items (id, order_id, product_id, title, unit_price_minor, quantity, discount_minor, total_minor, tax_minor)
    SELECT 'i' || i, 'o' || i, 'p' || (i % ${sql.lit(PRODUCTS)}), 'Product', ${total}, 1, 0, ${total}, ${tax} FROM ${o.from}`.execute(
    db,
  );
}

async function timeDashboard(db: Kysely<DB>): Promise<{ median: number; max: number }> {
  const t = translator('en');
  const times: number[] = [];
  for (let i = 0; i < 12; i++) {
    const t0 = performance.now();
    const data = await loadAnalytics(db, { currency: 'EUR', range: '90' });
    buildReport(data, data.period, t);
    if (i >= 2) times.push(performance.now() - t0); // two warm-up runs
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)] ?? 0, max: times[times.length - 1] ?? 0 };
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
  const d = await timeDashboard(db);
  const n = ORDERS[dialect].toLocaleString('en-US');
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
  for (const row of out.slice(-3)) console.log(`  ${row.measure}: ${row.value?.toFixed(1)} ${row.unit}  (${row.note})`);
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
