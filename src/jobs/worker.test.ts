import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { z } from 'zod';
import { createTestDatabase, type TestDatabase } from '../testing/database.js';
import { defineJob, type JobDefinition } from './define.js';
import { countJobsByStatus, enqueueJob, findJob } from './queue.js';
import { jobTestServices, sleep, waitFor } from './testing.js';
import { Worker, type WorkerOptions } from './worker.js';

type Env = { database: TestDatabase; services: ReturnType<typeof jobTestServices>; workers: Worker[] };

/** A database for one test; every worker the test made is stopped before it closes, also after a failure. */
async function withDb(fn: (env: Env) => Promise<void>): Promise<void> {
  const database = await createTestDatabase();
  const workers: Worker[] = [];
  try {
    await fn({ database, services: jobTestServices(database, database.dataDir), workers });
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await database.close();
  }
}

function worker(env: Env, jobs: JobDefinition[], opts: Partial<WorkerOptions> = {}): Worker {
  return track(
    env,
    new Worker({
      services: env.services,
      jobs,
      concurrency: 2,
      leaseMs: 30_000,
      pollMs: 20,
      log: env.services.log,
      ...opts,
    }),
  );
}

/** The database, with `onGet` called before each property is read (it may throw). */
function watched<T extends object>(db: T, onGet: (prop: string | symbol) => void): T {
  return new Proxy(db, {
    get(target, prop) {
      onGet(prop);
      // Kysely uses private fields: methods must run against the real instance.
      const v = Reflect.get(target, prop, target);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

function track(env: Env, w: Worker): Worker {
  env.workers.push(w);
  return w;
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
      // A failed assertion must not leave the job waiting at the gate: the worker would never stop.
      try {
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
      } finally {
        g.open();
      }
    }));

  test('a claim under way when stop() is called hands its job back untouched', () =>
    withDb(async (env) => {
      const { db } = env.database;
      const started: number[] = [];
      const def = defineJob({
        kind: 'test.counted',
        payload: z.object({ n: z.number() }),
        handle: async ({ n }) => {
          started.push(n);
        },
      });
      const id = (await enqueueJob(db, def, { n: 1 }))!;
      let w: Worker | undefined;
      let stopping: Promise<void> | undefined;
      // stop() is called once the claim is under way: on PostgreSQL when its transaction begins, on
      // SQLite at its second UPDATE (the first looks for expired leases, the second for due jobs).
      let updates = 0;
      const stopsOnClaim = watched(db, (prop) => {
        const claiming = prop === 'transaction' || (prop === 'updateTable' && ++updates === 2);
        if (claiming && !stopping) stopping = w?.stop();
      });
      const services = { ...env.services, database: { ...env.database, db: stopsOnClaim } };
      w = track(
        env,
        new Worker({ services, jobs: [def], concurrency: 1, leaseMs: 30_000, pollMs: 10, log: env.services.log }),
      );
      w.start();
      await waitFor(() => stopping !== undefined, 5000, 'the claim');
      await stopping;
      assert.deepEqual(started, [], 'the claimed job did not run');
      const job = await findJob(db, id);
      assert.equal(job?.status, 'pending');
      assert.equal(job?.attempts, 0, 'the attempt is not counted');
      assert.equal(job?.locked_by, null);
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
      const flaky = watched(db, (prop) => {
        // A claim is an UPDATE, inside a transaction on PostgreSQL: fail whichever comes first.
        if ((prop === 'updateTable' || prop === 'transaction') && failures > 0) {
          failures--;
          throw new Error('connection reset');
        }
      });
      const errors: unknown[] = [];
      const log = env.services.log.child({});
      log.error = ((obj: unknown) => {
        errors.push(obj);
      }) as typeof log.error;
      const services = { ...env.services, database: { ...env.database, db: flaky } };
      const def = defineJob({ kind: 'test.ok', payload: z.object({}), handle: async () => {} });
      const id = (await enqueueJob(db, def, {}))!;
      const w = track(env, new Worker({ services, jobs: [def], concurrency: 1, leaseMs: 30_000, pollMs: 10, log }));
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
