import { randomUUID } from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { z } from 'zod';
import type { Dialect } from '../db/database.js';
import type { DB, Job, JobStatus } from '../db/schema.js';
import { isoIn, isoNow } from '../db/time.js';
import type { JobDefinition } from './define.js';

type Db = Kysely<DB> | Transaction<DB>;

export type EnqueueOptions = {
  /** Run not before this time (default: now). */
  runAt?: Date;
  /** Enqueueing the same key again is a no-op. */
  uniqueKey?: string;
  maxAttempts?: number;
};

/** Adds a job; call it inside the caller's transaction so the job exists iff the state change does. */
export async function enqueueJob<S extends z.ZodType>(
  db: Db,
  def: JobDefinition<S>,
  payload: z.input<S>,
  opts: EnqueueOptions = {},
): Promise<string | undefined> {
  const valid = def.payload.parse(payload);
  const now = isoNow();
  const id = randomUUID();
  const result = await db
    .insertInto('jobs')
    .values({
      id,
      kind: def.kind,
      payload: JSON.stringify(valid),
      max_attempts: opts.maxAttempts ?? def.maxAttempts ?? 8,
      run_at: (opts.runAt ?? new Date()).toISOString(),
      unique_key: opts.uniqueKey ?? null,
      locked_by: null,
      locked_until: null,
      last_error: null,
      created_at: now,
      updated_at: now,
      finished_at: null,
    })
    .onConflict((oc) => oc.column('unique_key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0 ? id : undefined;
}

/**
 * Claims the next due job, or one whose lease ran out (its worker died).
 * SQLite serialises writers, so one UPDATE is atomic; PostgreSQL skips rows
 * other workers hold locked, so two workers never take the same job.
 */
export async function claimNextJob(
  db: Kysely<DB>,
  dialect: Dialect,
  workerId: string,
  leaseMs: number,
  kinds: string[],
): Promise<Job | undefined> {
  const now = isoNow();
  let next = db
    .selectFrom('jobs')
    .select('id')
    .where('kind', 'in', kinds)
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'pending'), eb('run_at', '<=', now)]),
        eb.and([eb('status', '=', 'running'), eb('locked_until', '<', now)]),
      ]),
    )
    .orderBy('run_at')
    .limit(1);
  if (dialect === 'postgres') next = next.forUpdate().skipLocked();
  return db
    .updateTable('jobs')
    .set({
      status: 'running',
      attempts: sql`attempts + 1`,
      locked_by: workerId,
      locked_until: isoIn(leaseMs),
      updated_at: now,
    })
    .where('id', '=', next)
    .returningAll()
    .executeTakeFirst();
}

/** Keeps a long job's lease alive; false when another worker has taken it over. */
export async function extendLease(db: Db, job: Job, workerId: string, leaseMs: number): Promise<boolean> {
  const r = await db
    .updateTable('jobs')
    .set({ locked_until: isoIn(leaseMs), updated_at: isoNow() })
    .where('id', '=', job.id)
    .where('locked_by', '=', workerId)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function completeJob(db: Db, job: Job, workerId: string): Promise<void> {
  const now = isoNow();
  await db
    .updateTable('jobs')
    .set({ status: 'done', locked_by: null, locked_until: null, finished_at: now, updated_at: now, last_error: null })
    .where('id', '=', job.id)
    .where('locked_by', '=', workerId)
    .execute();
}

/** Exponential backoff with jitter: 2 s, 4 s, 8 s … capped at one hour. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(2000 * 2 ** Math.max(0, attempt - 1), 3_600_000);
  return Math.round(base * (0.75 + random() * 0.5));
}

export async function failJob(
  db: Db,
  job: Job,
  workerId: string,
  error: string,
  permanent = false,
): Promise<JobStatus> {
  const dead = permanent || job.attempts >= job.max_attempts;
  const now = isoNow();
  await db
    .updateTable('jobs')
    .set({
      status: dead ? 'dead' : 'pending',
      run_at: dead ? job.run_at : isoIn(backoffMs(job.attempts)),
      locked_by: null,
      locked_until: null,
      last_error: error.slice(0, 4000),
      finished_at: dead ? now : null,
      updated_at: now,
    })
    .where('id', '=', job.id)
    .where('locked_by', '=', workerId)
    .execute();
  return dead ? 'dead' : 'pending';
}

/** The admin's retry button: a dead job runs again with a fresh attempt budget. */
export async function retryDeadJob(db: Db, id: string): Promise<boolean> {
  const now = isoNow();
  const r = await db
    .updateTable('jobs')
    .set({ status: 'pending', attempts: 0, run_at: now, finished_at: null, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'dead')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function listJobs(db: Db, status: JobStatus | undefined, limit = 100): Promise<Job[]> {
  let q = db.selectFrom('jobs').selectAll().orderBy('updated_at', 'desc').limit(limit);
  if (status) q = q.where('status', '=', status);
  return q.execute();
}

export async function countJobsByStatus(db: Db): Promise<Record<JobStatus, number>> {
  const rows = await db
    .selectFrom('jobs')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  const counts: Record<JobStatus, number> = { pending: 0, running: 0, done: 0, dead: 0 };
  for (const r of rows) counts[r.status] = Number(r.n);
  return counts;
}
