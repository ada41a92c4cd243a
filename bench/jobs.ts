// Job throughput: no-op jobs through the real Worker on SQLite and PostgreSQL.

import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import pino from 'pino';
import { z } from 'zod';
import { loadConfig } from '../src/config.js';
import { type Database, migrateToLatest, openDatabase } from '../src/db/database.js';
import type { DB } from '../src/db/schema.js';
import { outboxMailer } from '../src/features/email/transport.js';
import { orderCoreOf } from '../src/features/index.js';
import { localStorageIn } from '../src/features/storage/storage.js';
import { defineJob } from '../src/jobs/define.js';
import { countJobsByStatus, enqueueJob } from '../src/jobs/queue.js';
import { Worker } from '../src/jobs/worker.js';
import type { Services } from '../src/services.js';
import { adminQuery, PG_URL, reachable, record, rows, tempDir } from './lib.js';

const JOBS = { sqlite: 10_000, postgres: 10_000, limitMs: 15_000 };

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
    orders: orderCoreOf(),
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

export async function benchJobsSqlite(): Promise<void> {
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

export async function benchJobsPostgres(): Promise<void> {
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
