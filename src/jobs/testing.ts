import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import type { Kysely } from 'kysely';
import pino from 'pino';
import { loadConfig } from '../config.js';
import type { Database } from '../db/database.js';
import type { DB } from '../db/schema.js';
import { isoNow } from '../db/time.js';
import { outboxMailer } from '../features/email/transport.js';
import { orderCoreOf } from '../features/index.js';
import { localStorageIn } from '../features/storage/storage.js';
import type { Services } from '../services.js';

/** Test-only helpers for the job system: services without an HTTP app, and a table that records runs. */

export function jobTestServices(database: Database & { url?: string }, dataDir = tmpdir()): Services {
  const config = {
    ...loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }),
    databaseUrl: database.url ?? '',
    sessionSecret: 'test-secret-test-secret-test-secret-0123',
  };
  const log = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  return {
    config,
    database,
    mailer: outboxMailer(),
    storage: localStorageIn(dataDir),
    log,
    orders: orderCoreOf(),
    nudgeWorker: () => {},
  };
}

/** One row per handler start and end, written by test jobs, so tests can count runs. */
export type JobRunsTable = { id: string; job_id: string; worker: string; phase: 'start' | 'end'; at: string };
type RunsDB = { job_runs: JobRunsTable };

export async function createJobRunsTable(db: Kysely<DB>): Promise<void> {
  await db.schema
    .createTable('job_runs')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('job_id', 'text', (c) => c.notNull())
    .addColumn('worker', 'text', (c) => c.notNull())
    .addColumn('phase', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
}

export async function recordJobRun(db: Kysely<DB>, jobId: string, worker: string, phase: 'start' | 'end') {
  await db
    .withTables<RunsDB>()
    .insertInto('job_runs')
    .values({ id: randomUUID(), job_id: jobId, worker, phase, at: isoNow() })
    .execute();
}

export function listJobRuns(db: Kysely<DB>): Promise<JobRunsTable[]> {
  return db.withTables<RunsDB>().selectFrom('job_runs').selectAll().orderBy('at').orderBy('id').execute();
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `check` until it returns a truthy value, or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => Promise<T> | T, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}
