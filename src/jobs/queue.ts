import { randomUUID } from 'node:crypto';
import { type Kysely, PostgresAdapter, sql } from 'kysely';
import type { z } from 'zod';
import type { Dialect } from '../db/database.js';
import type { DB, Db, Job, JobStatus } from '../db/schema.js';
import { isoIn, isoNow } from '../db/time.js';
import type { JobContract } from './define.js';

export const JOB_STATUSES = ['pending', 'running', 'done', 'dead'] as const satisfies readonly JobStatus[];

export type EnqueueOptions = {
  /** Run not before this time (default: now). */
  runAt?: Date;
  /** Enqueueing the same key again is a no-op. */
  uniqueKey?: string;
  maxAttempts?: number;
};

/**
 * Adds a job; call it inside the caller's transaction so the job exists iff the state change does.
 * Takes the job's contract (not its handler). The payload is checked against the contract's schema here, so a bad payload fails the caller, not the worker.
 * Returns the new job's id, or undefined when `uniqueKey` already had a job.
 */
export async function enqueueJob<S extends z.ZodType>(
  db: Db,
  def: JobContract<S>,
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
 * Claims the next due job, or one whose lease ran out (its worker died), and
 * counts the attempt. SQLite serialises writers, so the one UPDATE is atomic;
 * on PostgreSQL the inner SELECT skips rows other workers hold locked, so two
 * workers never take the same job.
 *
 * `locked_by` becomes a token unique to this claim (`<workerId>/<uuid>`): it
 * fences the claim, so once the job was taken over (even by the same worker),
 * the earlier claim can no longer extend, complete or fail it.
 */
export async function claimNextJob(
  db: Kysely<DB>,
  dialect: Dialect,
  workerId: string,
  leaseMs: number,
  kinds: string[],
): Promise<Job | undefined> {
  if (kinds.length === 0) return undefined;
  // Two narrow queries instead of one OR: each walks the (status, run_at) index in order, so a claim
  // stays cheap however long the backlog. Expired leases first — there are few running rows to look at.
  return withRelaxedCommit(
    db,
    async (d) =>
      (await claimWhere(d, dialect, workerId, leaseMs, kinds, 'expired')) ??
      (await claimWhere(d, dialect, workerId, leaseMs, kinds, 'due')),
  );
}

async function claimWhere(
  db: Db,
  dialect: Dialect,
  workerId: string,
  leaseMs: number,
  kinds: string[],
  which: 'due' | 'expired',
): Promise<Job | undefined> {
  const now = isoNow();
  let next = db.selectFrom('jobs').select('id').where('kind', 'in', kinds);
  next =
    which === 'due'
      ? next.where('status', '=', 'pending').where('run_at', '<=', now).orderBy('run_at')
      : next.where('status', '=', 'running').where('locked_until', '<', now).orderBy('locked_until');
  next = next.limit(1);
  if (dialect === 'postgres') next = next.forUpdate().skipLocked();
  return db
    .updateTable('jobs')
    .set({
      status: 'running',
      attempts: sql`attempts + 1`,
      locked_by: `${workerId}/${randomUUID()}`,
      locked_until: isoIn(leaseMs),
      updated_at: now,
    })
    .where('id', '=', next)
    .returningAll()
    .executeTakeFirst();
}

/**
 * Hands a claimed job back as if it had never been claimed (pending, the attempt not counted): for
 * a claim that was already under way when the worker was told to stop. False when the claim was lost.
 */
export async function releaseJob(db: Db, job: Job): Promise<boolean> {
  if (!job.locked_by) return false;
  const r = await db
    .updateTable('jobs')
    .set({ status: 'pending', attempts: sql`attempts - 1`, locked_by: null, locked_until: null, updated_at: isoNow() })
    .where('id', '=', job.id)
    .where('status', '=', 'running')
    .where('locked_by', '=', job.locked_by)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Keeps a long job's lease alive; false when the claim was lost (taken over, or no longer running). */
export async function extendLease(db: Db, job: Job, leaseMs: number): Promise<boolean> {
  if (!job.locked_by) return false;
  const r = await db
    .updateTable('jobs')
    .set({ locked_until: isoIn(leaseMs), updated_at: isoNow() })
    .where('id', '=', job.id)
    .where('status', '=', 'running')
    .where('locked_by', '=', job.locked_by)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Marks the claimed job done; false when the claim was lost and someone else owns the job now. */
export async function completeJob(db: Db, job: Job): Promise<boolean> {
  if (!job.locked_by) return false;
  const lockedBy = job.locked_by;
  const now = isoNow();
  const r = await withRelaxedCommit(db, (d) =>
    d
      .updateTable('jobs')
      .set({ status: 'done', locked_by: null, locked_until: null, finished_at: now, updated_at: now, last_error: null })
      .where('id', '=', job.id)
      .where('status', '=', 'running')
      .where('locked_by', '=', lockedBy)
      .executeTakeFirst(),
  );
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Job bookkeeping (claim, complete, fail) commits without waiting for the
 * PostgreSQL WAL flush: a claim or result lost in a crash only means the job
 * runs again, which every handler must allow anyway — and it saves a disk
 * flush per job. The handlers' own writes keep full durability.
 */
async function withRelaxedCommit<T>(db: Db, fn: (db: Db) => Promise<T>): Promise<T> {
  if (db.isTransaction || !(db.getExecutor().adapter instanceof PostgresAdapter)) return fn(db);
  return db.transaction().execute(async (trx) => {
    await sql`SET LOCAL synchronous_commit TO OFF`.execute(trx);
    return fn(trx);
  });
}

/** Exponential backoff with jitter: 2 s, 4 s, 8 s … capped at one hour. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(2000 * 2 ** Math.max(0, attempt - 1), 3_600_000);
  return Math.round(base * (0.75 + random() * 0.5));
}

/**
 * Records a failed attempt: back to `pending` after a backoff, or `dead` when
 * the attempts are used up or the failure is permanent. `lost` when the claim
 * was lost meanwhile (the row is left to its new owner).
 */
export async function failJob(
  db: Db,
  job: Job,
  error: string,
  permanent = false,
): Promise<'pending' | 'dead' | 'lost'> {
  if (!job.locked_by) return 'lost';
  const dead = permanent || job.attempts >= job.max_attempts;
  const now = isoNow();
  const r = await db
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
    .where('status', '=', 'running')
    .where('locked_by', '=', job.locked_by)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) return 'lost';
  return dead ? 'dead' : 'pending';
}

/** The admin's retry button: a dead job runs again with a fresh attempt budget. False unless it was dead. */
export async function retryDeadJob(db: Db, id: string): Promise<boolean> {
  const now = isoNow();
  const r = await db
    .updateTable('jobs')
    .set({
      status: 'pending',
      attempts: 0,
      run_at: now,
      locked_by: null,
      locked_until: null,
      finished_at: null,
      updated_at: now,
    })
    .where('id', '=', id)
    .where('status', '=', 'dead')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function findJob(db: Db, id: string): Promise<Job | undefined> {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

export type JobList = { rows: Job[]; page: number; hasNext: boolean };

/** One page of jobs, most recently changed first. */
export async function listJobs(
  db: Db,
  { status, page = 1, pageSize = 50 }: { status?: JobStatus | undefined; page?: number; pageSize?: number } = {},
): Promise<JobList> {
  let q = db
    .selectFrom('jobs')
    .selectAll()
    .orderBy('updated_at', 'desc')
    .orderBy('id')
    .limit(pageSize + 1)
    .offset((page - 1) * pageSize);
  if (status) q = q.where('status', '=', status);
  const rows = await q.execute();
  return { rows: rows.slice(0, pageSize), page, hasNext: rows.length > pageSize };
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
