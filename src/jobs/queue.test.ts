import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { z } from 'zod';
import { isoNow } from '../db/time.js';
import { createTestDatabase, type TestDatabase } from '../testing/database.js';
import { defineJob, type JobDefinition, PermanentJobError } from './define.js';
import {
  backoffMs,
  claimNextJob,
  completeJob,
  enqueueJob,
  extendLease,
  failJob,
  findJob,
  retryDeadJob,
} from './queue.js';
import { jobTestServices } from './testing.js';
import { Worker, type WorkerOptions } from './worker.js';

type Env = { database: TestDatabase; services: ReturnType<typeof jobTestServices> };

async function withDb(fn: (env: Env) => Promise<void>): Promise<void> {
  const database = await createTestDatabase();
  try {
    await fn({ database, services: jobTestServices(database, database.dataDir) });
  } finally {
    await database.close();
  }
}

function worker(env: Env, jobs: JobDefinition[], opts: Partial<WorkerOptions> = {}): Worker {
  return new Worker({
    services: env.services,
    jobs,
    concurrency: 1,
    leaseMs: 30_000,
    pollMs: 20,
    log: env.services.log,
    ...opts,
  });
}

const okJob = defineJob({ kind: 'test.ok', payload: z.object({ n: z.number().int() }), handle: async () => {} });

function failingJob(error: () => Error, maxAttempts = 8) {
  return defineJob({
    kind: 'test.failing',
    payload: z.object({}),
    maxAttempts,
    handle: async () => {
      throw error();
    },
  });
}

/** Makes a job that waits out its backoff due now. */
async function makeDue(env: Env, id: string) {
  await env.database.db.updateTable('jobs').set({ run_at: isoNow() }).where('id', '=', id).execute();
}

async function job(env: Env, id: string) {
  const row = await findJob(env.database.db, id);
  assert.ok(row, `job ${id} exists`);
  return row;
}

describe('enqueueing', () => {
  test('a job enqueued in a transaction that rolls back does not exist', () =>
    withDb(async ({ database }) => {
      const { db } = database;
      await assert.rejects(
        db.transaction().execute(async (trx) => {
          await enqueueJob(trx, okJob, { n: 1 });
          throw new Error('rollback');
        }),
        /rollback/,
      );
      assert.equal((await db.selectFrom('jobs').selectAll().execute()).length, 0);
      await db.transaction().execute((trx) => enqueueJob(trx, okJob, { n: 2 }));
      assert.equal((await db.selectFrom('jobs').selectAll().execute()).length, 1);
    }));

  test('a unique key yields one job however often it is enqueued', () =>
    withDb(async ({ database }) => {
      const { db } = database;
      const first = await enqueueJob(db, okJob, { n: 1 }, { uniqueKey: 'order-1-paid' });
      const second = await enqueueJob(db, okJob, { n: 2 }, { uniqueKey: 'order-1-paid' });
      const other = await enqueueJob(db, okJob, { n: 3 }, { uniqueKey: 'order-2-paid' });
      assert.ok(first);
      assert.equal(second, undefined);
      assert.ok(other);
      const rows = await db.selectFrom('jobs').select(['id', 'payload']).orderBy('created_at').execute();
      assert.equal(rows.length, 2);
      assert.deepEqual(JSON.parse(rows.find((r) => r.id === first)?.payload ?? ''), { n: 1 });
    }));

  test('the payload is checked against the job schema before anything is stored', () =>
    withDb(async ({ database }) => {
      const { db } = database;
      // @ts-expect-error: a wrong payload type is also a compile error
      await assert.rejects(enqueueJob(db, okJob, { n: 'one' }), { name: 'ZodError' });
      await assert.rejects(enqueueJob(db, okJob, { n: 1.5 }), { name: 'ZodError' });
      assert.equal((await db.selectFrom('jobs').selectAll().execute()).length, 0);
    }));
});

describe('running jobs', () => {
  test('claim then complete: done after one attempt, lease released', () =>
    withDb(async (env) => {
      const seen: number[] = [];
      const def = defineJob({
        kind: 'test.ok',
        payload: z.object({ n: z.number() }),
        handle: async ({ n }) => {
          seen.push(n);
        },
      });
      const id = (await enqueueJob(env.database.db, def, { n: 7 }))!;
      const w = worker(env, [def]);
      assert.equal(await w.runOnce(), true);
      assert.equal(await w.runOnce(), false);
      assert.deepEqual(seen, [7]);
      const row = await job(env, id);
      assert.equal(row.status, 'done');
      assert.equal(row.attempts, 1);
      assert.equal(row.locked_by, null);
      assert.equal(row.locked_until, null);
      assert.ok(row.finished_at);
    }));

  test('a failing handler puts the job back to pending, later, with the error', () =>
    withDb(async (env) => {
      const def = failingJob(() => new Error('SMTP said no'));
      const id = (await enqueueJob(env.database.db, def, {}))!;
      const before = Date.now();
      await worker(env, [def]).runOnce();
      const row = await job(env, id);
      assert.equal(row.status, 'pending');
      assert.equal(row.attempts, 1);
      assert.match(row.last_error ?? '', /SMTP said no/);
      assert.equal(row.locked_by, null);
      // First backoff is 2 s ± 25 %.
      assert.ok(Date.parse(row.run_at) >= before + 1400, `run_at ${row.run_at} is in the future`);
      assert.equal(await worker(env, [def]).runOnce(), false, 'not due before its backoff');
    }));

  test('after max_attempts failures the job is dead', () =>
    withDb(async (env) => {
      const def = failingJob(() => new Error('still failing'), 3);
      const id = (await enqueueJob(env.database.db, def, {}))!;
      const w = worker(env, [def]);
      for (const expected of ['pending', 'pending', 'dead']) {
        assert.equal(await w.runOnce(), true);
        const row = await job(env, id);
        assert.equal(row.status, expected);
        await makeDue(env, id);
      }
      const row = await job(env, id);
      assert.equal(row.attempts, 3);
      assert.ok(row.finished_at);
      assert.match(row.last_error ?? '', /still failing/);
      assert.equal(await w.runOnce(), false, 'a dead job is not claimed');
    }));

  test('PermanentJobError sends the job to dead at once', () =>
    withDb(async (env) => {
      const def = failingJob(() => new PermanentJobError('product was deleted'));
      const id = (await enqueueJob(env.database.db, def, {}))!;
      await worker(env, [def]).runOnce();
      const row = await job(env, id);
      assert.equal(row.status, 'dead');
      assert.equal(row.attempts, 1);
      assert.equal(row.last_error, 'PermanentJobError: product was deleted');
    }));

  test('a stored payload the schema rejects is dead at once', () =>
    withDb(async (env) => {
      const id = (await enqueueJob(env.database.db, okJob, { n: 1 }))!;
      await env.database.db.updateTable('jobs').set({ payload: '{"n":"x"}' }).where('id', '=', id).execute();
      await worker(env, [okJob]).runOnce();
      const row = await job(env, id);
      assert.equal(row.status, 'dead');
      assert.match(row.last_error ?? '', /^Invalid payload/);
    }));

  test('retryDeadJob brings a dead job back with a fresh budget; other states are left alone', () =>
    withDb(async (env) => {
      const { db } = env.database;
      let fail = true;
      const def = defineJob({
        kind: 'test.flaky',
        payload: z.object({}),
        maxAttempts: 1,
        handle: async () => {
          if (fail) throw new Error('down');
        },
      });
      const id = (await enqueueJob(db, def, {}))!;
      assert.equal(await retryDeadJob(db, id), false, 'a pending job is not "retried"');
      await worker(env, [def]).runOnce();
      assert.equal((await job(env, id)).status, 'dead');
      assert.equal(await retryDeadJob(db, 'no-such-job'), false);
      assert.equal(await retryDeadJob(db, id), true);
      const revived = await job(env, id);
      assert.equal(revived.status, 'pending');
      assert.equal(revived.attempts, 0);
      assert.equal(revived.finished_at, null);
      assert.equal(await retryDeadJob(db, id), false, 'retrying twice does nothing more');
      fail = false;
      assert.equal(await worker(env, [def]).runOnce(), true);
      const done = await job(env, id);
      assert.equal(done.status, 'done');
      assert.equal(done.attempts, 1);
      assert.equal(done.last_error, null);
    }));

  test('backoff doubles per attempt with jitter and is capped at an hour', () => {
    const mid = () => 0.5;
    assert.deepEqual(
      [1, 2, 3, 4].map((a) => backoffMs(a, mid)),
      [2000, 4000, 8000, 16000],
    );
    assert.equal(
      backoffMs(1, () => 0),
      1500,
    );
    assert.equal(
      backoffMs(1, () => 1),
      2500,
    );
    assert.equal(backoffMs(40, mid), 3_600_000);
  });
});

describe('leases', () => {
  test('a job whose worker died is taken over after its lease; the old claim can no longer touch it', () =>
    withDb(async (env) => {
      const { db, dialect } = env.database;
      const id = (await enqueueJob(db, okJob, { n: 1 }))!;
      const stale = await claimNextJob(db, dialect, 'died', 400, [okJob.kind]);
      assert.equal(stale?.id, id);
      const other = worker(env, [okJob]);
      assert.equal(await other.runOnce(), false, 'not free while the lease holds');
      await new Promise((r) => setTimeout(r, 450));
      assert.equal(await other.runOnce(), true, 'free once the lease ran out');
      const row = await job(env, id);
      assert.equal(row.status, 'done');
      assert.equal(row.attempts, 2);
      assert.equal(await completeJob(db, stale!), false);
      assert.equal(await failJob(db, stale!, 'late failure'), 'lost');
      assert.equal(await extendLease(db, stale!, 30_000), false);
      assert.equal((await job(env, id)).status, 'done');
      assert.equal((await job(env, id)).last_error, null);
    }));

  test('the old claim is fenced even when the same worker takes the job over', () =>
    withDb(async (env) => {
      const { db, dialect } = env.database;
      await enqueueJob(db, okJob, { n: 1 });
      const first = await claimNextJob(db, dialect, 'w1', 50, [okJob.kind]);
      await new Promise((r) => setTimeout(r, 80));
      const second = await claimNextJob(db, dialect, 'w1', 30_000, [okJob.kind]);
      assert.ok(first && second);
      assert.notEqual(first.locked_by, second.locked_by);
      assert.equal(await failJob(db, first, 'stale'), 'lost');
      assert.equal(await completeJob(db, first), false);
      assert.equal(await completeJob(db, second), true);
    }));

  test('the heartbeat keeps a job longer than its lease; it stops with the job', () =>
    withDb(async (env) => {
      const { db } = env.database;
      let release!: () => void;
      const gate = new Promise<void>((r) => {
        release = r;
      });
      let started = false;
      const def = defineJob({
        kind: 'test.long',
        payload: z.object({}),
        handle: async () => {
          started = true;
          await gate;
        },
      });
      const id = (await enqueueJob(db, def, {}))!;
      const w = worker(env, [def], { leaseMs: 450 });
      const running = w.runOnce();
      const rival = worker(env, [def], { leaseMs: 450 });
      while (!started) await new Promise((r) => setTimeout(r, 10));
      const until = Date.now() + 1500;
      while (Date.now() < until) {
        assert.equal(await rival.runOnce(), false, 'the rival never gets the job');
        await new Promise((r) => setTimeout(r, 25));
      }
      release();
      await running;
      const row = await job(env, id);
      assert.equal(row.status, 'done');
      assert.equal(row.attempts, 1);
      await new Promise((r) => setTimeout(r, 200));
      assert.deepEqual(await job(env, id), row, 'no heartbeat writes after the job ended');
    }));

  test('a run that lost its lease sees its signal aborted, and its result is not recorded', () =>
    withDb(async (env) => {
      const { db } = env.database;
      let aborted = false;
      const def = defineJob({
        kind: 'test.abortable',
        payload: z.object({}),
        handle: async (_p, { signal, job: claimed }) => {
          // Someone else takes the job over while this run is busy.
          await db.updateTable('jobs').set({ locked_by: 'usurper/1' }).where('id', '=', claimed.id).execute();
          await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
          aborted = true;
        },
      });
      const id = (await enqueueJob(db, def, {}))!;
      await worker(env, [def], { leaseMs: 90 }).runOnce();
      assert.equal(aborted, true);
      const row = await job(env, id);
      assert.equal(row.status, 'running');
      assert.equal(row.locked_by, 'usurper/1');
    }));
});
