// `npm run bench`: how fast Vielfach serves, starts and runs jobs on this
// machine, next to a bare Fastify route measured in the same run. Everything
// stays on 127.0.0.1; the whole run is bounded to a few minutes.
//
// Settings: BENCH_DURATION (seconds per load test, default 10),
// BENCH_CONNECTIONS (default 50), BENCH_PG_URL (default postgres://root@127.0.0.1:5432/test).

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createConnection, createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import type { Kysely } from 'kysely';
import pg from 'pg';
import pino from 'pino';
import { z } from 'zod';
import { loadConfig } from '../src/config.js';
import { type Database, migrateToLatest, openDatabase } from '../src/db/database.js';
import type { DB } from '../src/db/schema.js';
import { outboxMailer } from '../src/features/email/transport.js';
import { issueLicenseKeys } from '../src/features/licensing/issue-license-keys.js';
import { localStorageIn } from '../src/features/storage/storage.js';
import { defineJob } from '../src/jobs/define.js';
import { countJobsByStatus, enqueueJob } from '../src/jobs/queue.js';
import { Worker } from '../src/jobs/worker.js';
import type { Services } from '../src/services.js';

const ROOT = join(import.meta.dirname, '..');
const RESULTS = join(import.meta.dirname, 'results', 'latest.json');
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const WARMUP = Math.min(2, DURATION);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://root@127.0.0.1:5432/test';
const JOBS = { sqlite: 10_000, postgres: 10_000, limitMs: 15_000 };
const HARD_LIMIT_MS = 240_000;

type Row = { measure: string; value: number | null; unit: string; vsBare?: number; note?: string };
const rows: Row[] = [];
const children = new Set<ChildProcess>();
const tempDirs: string[] = [];

function record(row: Row): void {
  rows.push(row);
  const value = row.value === null ? 'skipped' : `${format(row.value)} ${row.unit}`;
  console.log(`  ${row.measure}: ${value}${row.note ? `  (${row.note})` : ''}`);
}

function format(n: number): string {
  if (n >= 100) return Math.round(n).toLocaleString('en-US');
  return n.toFixed(n >= 10 ? 1 : 2);
}

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

// ---------------------------------------------------------------- processes

type Server = { child: ChildProcess; port: number; output: () => string };

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as AddressInfo;
  await new Promise((resolve) => srv.close(resolve));
  return port;
}

function startProcess(args: string[], env: Record<string, string> = {}): Server & { exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let out = '';
  const keep = (chunk: Buffer) => {
    out = (out + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      children.delete(child);
      resolve(code);
    }),
  );
  return { child, port: 0, output: () => out, exited };
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const killed = await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)]);
  if (!killed) {
    child.kill('SIGKILL');
    await exited;
  }
}

/** Starts `vielfach start` and times it from spawn to the first 200 on /healthz. */
async function startVielfach(dataDir: string): Promise<Server & { startupMs: number }> {
  const port = await freePort();
  const t0 = performance.now();
  const proc = startProcess(['src/cli.ts', 'start'], {
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    SMTP_URL: '',
    PUBLIC_URL: '',
    VIELFACH_DEMO: '0',
    LOG_LEVEL: 'warn',
    // One client validates one key as fast as it can: no rate limit for the bench.
    LICENSE_RATE_PER_IP: '1000000',
    LICENSE_RATE_PER_KEY: '1000000',
  });
  let exitCode: number | null | undefined;
  proc.exited.then((code) => {
    exitCode = code;
  });
  while (performance.now() - t0 < 60_000) {
    if (exitCode !== undefined) throw new Error(`vielfach start exited with ${exitCode}:\n${proc.output()}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(1000) });
      if (res.status === 200) return { ...proc, port, startupMs: performance.now() - t0 };
    } catch {
      // not listening yet
    }
    await sleep(10);
  }
  await stopProcess(proc.child);
  throw new Error(`vielfach start gave no 200 on /healthz within 60 s:\n${proc.output()}`);
}

async function startBareFastify(): Promise<Server> {
  const proc = startProcess(['bench/bare-server.ts']);
  const t0 = performance.now();
  while (performance.now() - t0 < 30_000) {
    const m = /\{"port":(\d+)\}/.exec(proc.output());
    if (m) return { ...proc, port: Number(m[1]) };
    if (proc.child.exitCode !== null) break;
    await sleep(20);
  }
  await stopProcess(proc.child);
  throw new Error(`bare Fastify server did not start:\n${proc.output()}`);
}

function rssMb(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
  if (!kb) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(kb) / 1024;
}

/** Completes the first-start set-up through the real form, as a browser would. */
async function setUpOverHttp(base: string, output: string): Promise<void> {
  const code = /\/setup\?code=([0-9a-f]+)/.exec(output)?.[1];
  if (!code) throw new Error(`no set-up code printed:\n${output}`);
  const page = await fetch(`${base}/setup?code=${code}`);
  const cookie = page.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1];
  if (!csrf) throw new Error('no CSRF token on /setup');
  const res = await fetch(`${base}/setup`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie },
    body: new URLSearchParams({
      _csrf: csrf,
      code,
      email: 'owner@example.com',
      password: 'bench password 123',
      storeName: 'Bench Store',
      locale: 'en',
      currency: 'EUR',
      demo: '1',
    }),
  });
  if (res.status !== 303 || res.headers.get('location') !== '/admin') {
    throw new Error(`set-up failed: HTTP ${res.status}\n${(await res.text()).slice(0, 500)}`);
  }
}

// ---------------------------------------------------------------- HTTP load

type Load = { rps: number; p50: number; p99: number; bad: number };
type Post = { method: 'POST'; headers: Record<string, string>; body: string };

async function load(url: string, post?: Post): Promise<Load> {
  await autocannon({ url, connections: CONNECTIONS, duration: WARMUP, ...post });
  const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, ...post });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, bad: r.errors + r.timeouts + r.non2xx };
}

function loadRow(measure: string, l: Load, bare: number | undefined): Row {
  const note = [`p50 ${l.p50} ms, p99 ${l.p99} ms`, l.bad ? `${l.bad} errors/non-2xx` : ''].filter(Boolean).join(', ');
  return { measure, value: l.rps, unit: 'req/s', vsBare: bare ? l.rps / bare : 1, note };
}

/** A paid order of the demo plugin with its licence key, written straight into the stopped store's database. */
async function seedLicenseKey(dataDir: string): Promise<string> {
  const database = await openDatabase(`sqlite:${join(dataDir, 'vielfach.db')}`);
  try {
    const { db } = database;
    const product = await db
      .selectFrom('products')
      .innerJoin('license_settings', 'license_settings.product_id', 'products.id')
      .select(['products.id', 'products.title', 'products.price_minor', 'products.currency'])
      .where('license_settings.enabled', '=', 1)
      .executeTakeFirstOrThrow();
    const now = new Date().toISOString();
    const [customerId, orderId] = [crypto.randomUUID(), crypto.randomUUID()];
    await db
      .insertInto('customers')
      .values({ id: customerId, email: 'bench@example.com', locale: 'en', created_at: now })
      .execute();
    await db
      .insertInto('orders')
      .values({
        id: orderId,
        number: 'BENCH-1',
        customer_id: customerId,
        email: 'bench@example.com',
        locale: 'en',
        status: 'paid',
        currency: product.currency,
        subtotal_minor: product.price_minor,
        total_minor: product.price_minor,
        discount_code_id: null,
        provider: 'test',
        provider_ref: null,
        access_key: crypto.randomUUID(),
        created_at: now,
        updated_at: now,
        paid_at: now,
        refunded_at: null,
      })
      .execute();
    await db
      .insertInto('order_items')
      .values({
        id: crypto.randomUUID(),
        order_id: orderId,
        product_id: product.id,
        title: product.title,
        unit_price_minor: product.price_minor,
        total_minor: product.price_minor,
      })
      .execute();
    await db.transaction().execute((trx) => issueLicenseKeys(trx, orderId));
    const key = await db
      .selectFrom('license_keys')
      .select('display_key')
      .where('order_id', '=', orderId)
      .executeTakeFirstOrThrow();
    return key.display_key;
  } finally {
    await database.close();
  }
}

// ---------------------------------------------------------------- jobs

/** Called by every no-op job; the bench counts with it instead of polling the table. */
let onHandled = () => {};

const noopJob = defineJob({
  kind: 'bench.noop',
  payload: z.object({ n: z.number().int() }),
  maxAttempts: 1,
  handle: async () => onHandled(),
});

function jobServices(database: Database, dataDir: string): Services {
  const config = {
    ...loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }),
    sessionSecret: 'bench-secret-bench-secret-bench-secret',
  };
  return {
    config,
    database,
    mailer: outboxMailer(),
    storage: localStorageIn(dataDir),
    log: pino({ level: 'silent' }),
    nudgeWorker: () => {},
  };
}

function newWorker(services: Services): Worker {
  return new Worker({
    services,
    jobs: [noopJob],
    concurrency: services.config.workerConcurrency,
    leaseMs: 60_000,
    log: services.log,
  });
}

/** Enqueues `n` no-op jobs in transactions of 500; returns jobs enqueued per second. */
async function enqueueMany(db: Kysely<DB>, n: number): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < n; i += 500) {
    await db.transaction().execute(async (trx) => {
      for (let j = i; j < Math.min(n, i + 500); j++) await enqueueJob(trx, noopJob, { n: j });
    });
  }
  return n / ((performance.now() - t0) / 1000);
}

/**
 * Runs the workers until every job was handled (or the time limit), then stops
 * them, which waits for the last completions; returns jobs done per second.
 */
async function drain(workers: Worker[], db: Kysely<DB>, n: number): Promise<{ perSecond: number; done: number }> {
  let handled = 0;
  const allHandled = new Promise<void>((resolve) => {
    onHandled = () => {
      if (++handled >= n) resolve();
    };
  });
  const t0 = performance.now();
  for (const w of workers) w.start();
  await Promise.race([allHandled, sleep(JOBS.limitMs)]);
  await Promise.all(workers.map((w) => w.stop()));
  const seconds = (performance.now() - t0) / 1000;
  onHandled = () => {};
  const { done } = await countJobsByStatus(db);
  return { perSecond: done / seconds, done };
}

async function benchJobsSqlite(): Promise<void> {
  const dir = tempDir('vf-bench-jobs-');
  const database = await openDatabase(`sqlite:${join(dir, 'jobs.db')}`);
  try {
    await migrateToLatest(database.db);
    const services = jobServices(database, dir);
    const enqueued = await enqueueMany(database.db, JOBS.sqlite);
    record({
      measure: 'jobs enqueued, SQLite',
      value: enqueued,
      unit: 'jobs/s',
      note: 'enqueueJob, 500 per transaction',
    });
    const r = await drain([newWorker(services)], database.db, JOBS.sqlite);
    record({
      measure: 'no-op jobs done, SQLite, 1 worker',
      value: r.perSecond,
      unit: 'jobs/s',
      note: `${r.done}/${JOBS.sqlite} jobs, concurrency ${services.config.workerConcurrency}`,
    });
  } finally {
    await database.close();
  }
}

async function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port, timeout: 1000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

async function adminQuery(sqlText: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(sqlText);
  } finally {
    await client.end();
  }
}

async function benchJobsPostgres(): Promise<void> {
  const u = new URL(PG_URL);
  if (u.hostname !== '127.0.0.1' && u.hostname !== 'localhost') throw new Error('BENCH_PG_URL must point at 127.0.0.1');
  const skip = (why: string) => {
    console.log(`  PostgreSQL skipped: ${why}`);
    for (const workers of [1, 4]) {
      rows.push({
        measure: `no-op jobs done, PostgreSQL, ${workers} worker(s)`,
        value: null,
        unit: 'jobs/s',
        note: why,
      });
    }
  };
  if (!(await reachable(u.hostname, Number(u.port || 5432)))) return skip(`${u.host} unreachable`);

  for (const workers of [1, 4]) {
    const name = `vf_bench_${Date.now().toString(36)}_${workers}`;
    try {
      await adminQuery(`CREATE DATABASE ${name}`);
    } catch (err) {
      return skip(`cannot create a database: ${(err as Error).message}`);
    }
    u.pathname = `/${name}`;
    const dir = tempDir('vf-bench-pg-');
    const admin = await openDatabase(u.toString(), { poolSize: 2 });
    const handles: Database[] = [];
    try {
      await migrateToLatest(admin.db);
      if (workers === 1) {
        const enqueued = await enqueueMany(admin.db, JOBS.postgres);
        record({
          measure: 'jobs enqueued, PostgreSQL',
          value: enqueued,
          unit: 'jobs/s',
          note: 'enqueueJob, 500 per transaction',
        });
      } else {
        await enqueueMany(admin.db, JOBS.postgres);
      }
      // Each worker gets its own connection pool, as separate worker processes would.
      for (let i = 0; i < workers; i++) handles.push(await openDatabase(u.toString(), { poolSize: 3 }));
      const services = handles.map((h) => jobServices(h, dir));
      const r = await drain(services.map(newWorker), admin.db, JOBS.postgres);
      record({
        measure: `no-op jobs done, PostgreSQL, ${workers} worker${workers > 1 ? 's' : ''}`,
        value: r.perSecond,
        unit: 'jobs/s',
        note: `${r.done}/${JOBS.postgres} jobs, concurrency ${services[0]?.config.workerConcurrency} each`,
      });
    } finally {
      for (const h of handles) await h.close();
      await admin.close();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
    }
  }
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const started = performance.now();
  console.log(
    `Vielfach bench: ${cpus().length} cores, Node ${process.version}, ${DURATION} s per load test, ${CONNECTIONS} connections\n`,
  );

  console.log('Start-up (vielfach start, fresh SQLite data folder)');
  const dataDir = tempDir('vf-bench-data-');
  const cold = await startVielfach(dataDir);
  record({ measure: 'start-up to first 200, first start', value: cold.startupMs, unit: 'ms', note: 'migrations run' });
  await sleep(3000);
  record({ measure: 'idle RSS after start', value: rssMb(cold.child.pid), unit: 'MB', note: 'VmRSS, 3 s after start' });
  await setUpOverHttp(`http://127.0.0.1:${cold.port}`, cold.output());
  await stopProcess(cold.child);
  const licenseKey = await seedLicenseKey(dataDir);

  const app = await startVielfach(dataDir);
  record({ measure: 'start-up to first 200, restart', value: app.startupMs, unit: 'ms', note: 'store set up' });

  console.log('\nHTTP (autocannon, each server in its own process)');
  const bare = await startBareFastify();
  const bareLoad = await load(`http://127.0.0.1:${bare.port}/`);
  await stopProcess(bare.child);
  record(loadRow('bare Fastify JSON route', bareLoad, undefined));
  const base = `http://127.0.0.1:${app.port}`;
  const healthz = await load(`${base}/healthz`);
  record(loadRow('GET /healthz (SELECT 1)', healthz, bareLoad.rps));
  record(loadRow('GET / store home (rendered)', await load(`${base}/`), bareLoad.rps));
  record(loadRow('GET /admin/login (rendered, CSRF)', await load(`${base}/admin/login`), bareLoad.rps));
  const validate = await load(`${base}/api/v1/licenses/validate`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({ license_key: licenseKey }).toString(),
  });
  const validateRow = loadRow('POST /api/v1/licenses/validate (key lookup)', validate, bareLoad.rps);
  record({
    ...validateRow,
    note: `${validateRow.note}, ${Math.round((validate.rps / healthz.rps) * 100)} % of /healthz`,
  });
  await sleep(2000);
  record({ measure: 'RSS after the load tests', value: rssMb(app.child.pid), unit: 'MB', note: 'VmRSS' });
  await stopProcess(app.child);

  console.log('\nJobs (no-op handler, Worker from src/jobs/worker.ts)');
  await benchJobsSqlite();
  await benchJobsPostgres();

  const seconds = (performance.now() - started) / 1000;
  printTable(seconds);
  mkdirSync(join(RESULTS, '..'), { recursive: true });
  writeFileSync(
    RESULTS,
    `${JSON.stringify(
      {
        takenAt: new Date().toISOString(),
        node: process.version,
        cores: cpus().length,
        cpu: cpus()[0]?.model,
        settings: { durationSeconds: DURATION, connections: CONNECTIONS, httpLogLevel: 'warn' },
        runSeconds: Math.round(seconds),
        results: rows,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`\nWritten to ${join('bench', 'results', 'latest.json')}`);
}

function printTable(seconds: number): void {
  const header = ['measure', 'value', 'unit', 'vs bare', 'notes'];
  const body = rows.map((r) => [
    r.measure,
    r.value === null ? 'skipped' : format(r.value),
    r.unit,
    r.vsBare === undefined ? '' : `${(r.vsBare * 100).toFixed(0)} %`,
    r.note ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 1 || i === 3 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ');
  console.log(`\n${'='.repeat(20)} Results (${Math.round(seconds)} s) ${'='.repeat(20)}`);
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const b of body) console.log(line(b));
}

function cleanUp(): void {
  for (const c of children) c.kill('SIGKILL');
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
}

const watchdog = setTimeout(() => {
  console.error(`\nBench stopped: it ran longer than ${HARD_LIMIT_MS / 1000} s.`);
  cleanUp();
  process.exit(1);
}, HARD_LIMIT_MS);
watchdog.unref();

main().then(
  () => {
    cleanUp();
    process.exit(0);
  },
  (err: unknown) => {
    console.error('\nBench failed:', err);
    cleanUp();
    process.exit(1);
  },
);
