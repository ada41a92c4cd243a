import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { z } from 'zod';
import { createTestDatabase, type TestDatabase } from '../testing/database.js';
import { defineJob, type JobDefinition } from './define.js';
import { countJobsByStatus, enqueueJob, findJob } from './queue.js';
import { jobTestServices, sleep, waitFor } from './testing.js';
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
    concurrency: 2,
    leaseMs: 30_000,
    pollMs: 20,
    log: env.services.log,
    ...opts,
  });
}

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => {
    open = r;
  });
  return { open, opened };
}

describe('worker loop', () => {
  test('stop() waits for the running job to finish and claims nothing new', () =>
    withDb(async (env) => {
      const { db } = env.database;
      const g = gate();
      const started: number[] = [];
      const def = defineJob({
        kind: 'test.gated',
        payload: z.object({ n: z.number() }),
        handle: async ({ n }) => {
          started.push(n);
          await g.opened;
        },
      });
      const first = (await enqueueJob(db, def, { n: 1 }))!;
      const w = worker(env, [def]);
      w.start();
      await waitFor(() => started.length === 1, 5000, 'the first job to start');

      let stopped = false;
      const stopping = w.stop().then(() => {
        stopped = true;
      });
      const second = (await enqueueJob(db, def, { n: 2 }))!;
      w.nudge();
      await sleep(150); // several poll intervals
      assert.equal(stopped, false, 'stop() waits for the running job');
      assert.deepEqual(started, [1], 'no new job is claimed while stopping');

      g.open();
      await stopping;
      assert.equal((await findJob(db, first))?.status, 'done', 'the running job completed normally');
      const untouched = await findJob(db, second);
      assert.equal(untouched?.status, 'pending');
      assert.equal(untouched?.attempts, 0);
      assert.equal(w.activeJobs, 0);
      w.start(); // a stopped worker stays stopped
      await sleep(100);
      assert.equal((await findJob(db, second))?.status, 'pending');
    }));

  test('runs many jobs up to its concurrency; failing handlers do not end the loop', () =>
    withDb(async (env) => {
      const { db } = env.database;
      let active = 0;
      let peak = 0;
      const def = defineJob({
        kind: 'test.mixed',
        payload: z.object({ n: z.number() }),
        maxAttempts: 1,
        handle: async ({ n }) => {
          active++;
          peak = Math.max(peak, active);
          await sleep(15);
          active--;
          if (n % 5 === 0) throw new Error(`job ${n} failed`);
          // A non-Error throw must be survived too.
          if (n % 7 === 0) throw `plain string ${n}`;
        },
      });
      for (let n = 1; n <= 30; n++) await enqueueJob(db, def, { n });
      const w = worker(env, [def], { concurrency: 3 });
      w.start();
      await waitFor(async () => (await countJobsByStatus(db)).pending === 0 && w.activeJobs === 0, 10_000, 'all jobs');
      await w.stop();
      const counts = await countJobsByStatus(db);
      // 5,10,...,30 throw Errors (6); 7,14,21,28 throw strings (4; 35 is out of range).
      assert.deepEqual(counts, { pending: 0, running: 0, done: 20, dead: 10 });
      assert.ok(peak <= 3, `never more than 3 at once (saw ${peak})`);
      assert.ok(peak >= 2, `ran jobs side by side (saw ${peak})`);
      const stringFailure = await db.selectFrom('jobs').select('last_error').where('payload', '=', '{"n":7}').execute();
      assert.equal(stringFailure[0]?.last_error, 'plain string 7');
    }));

  test('a database error while claiming is logged and the loop carries on', () =>
    withDb(async (env) => {
      const { db } = env.database;
      let failures = 3;
      // Kysely uses private fields: methods must run against the real instance.
      const flaky = new Proxy(db, {
        get(target, prop) {
          // A claim is an UPDATE, inside a transaction on PostgreSQL: fail whichever comes first.
          if ((prop === 'updateTable' || prop === 'transaction') && failures > 0) {
            failures--;
            throw new Error('connection reset');
          }
          const v = Reflect.get(target, prop, target);
          return typeof v === 'function' ? v.bind(target) : v;
        },
      });
      const errors: unknown[] = [];
      const log = env.services.log.child({});
      log.error = ((obj: unknown) => {
        errors.push(obj);
      }) as typeof log.error;
      const services = { ...env.services, database: { ...env.database, db: flaky } };
      const def = defineJob({ kind: 'test.ok', payload: z.object({}), handle: async () => {} });
      const id = (await enqueueJob(db, def, {}))!;
      const w = new Worker({ services, jobs: [def], concurrency: 1, leaseMs: 30_000, pollMs: 10, log });
      w.start();
      await waitFor(async () => (await findJob(db, id))?.status === 'done', 5000, 'the job to run');
      await w.stop();
      assert.equal(failures, 0);
      assert.equal(errors.length, 3, 'each failed claim was logged');
    }));

  test('nudge() wakes an idle worker at once', () =>
    withDb(async (env) => {
      const { db } = env.database;
      const def = defineJob({ kind: 'test.ok', payload: z.object({}), handle: async () => {} });
      const w = worker(env, [def], { pollMs: 60_000 });
      w.start();
      await sleep(50); // the loop is now in its (long) idle wait
      const id = (await enqueueJob(db, def, {}))!;
      w.nudge();
      await waitFor(async () => (await findJob(db, id))?.status === 'done', 2000, 'the nudged job');
      await w.stop();
    }));
});
