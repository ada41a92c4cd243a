import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { type Database, openDatabase } from '../db/database.js';
import { createTestDatabase, testDialect } from '../testing/database.js';
import { defineJob } from './define.js';
import { countJobsByStatus, enqueueJob } from './queue.js';
import { createJobRunsTable, jobTestServices, listJobRuns, recordJobRun, sleep, waitFor } from './testing.js';
import { Worker } from './worker.js';

const JOBS = 300;
const WORKERS = 4;

test(`${WORKERS} workers with their own connection pools share ${JOBS} jobs: each runs exactly once, never twice at a time`, {
  skip:
    testDialect !== 'postgres' &&
    'PostgreSQL only: proves FOR UPDATE SKIP LOCKED across connection pools; SQLite has one writer per file, so scale-out workers are a PostgreSQL set-up',
}, async () => {
  const database = await createTestDatabase();
  const pools: Database[] = [];
  const workers: Worker[] = [];
  try {
    const { db } = database;
    await createJobRunsTable(db);

    const active = new Set<string>();
    const overlaps: string[] = [];
    const runs = new Map<string, number>();
    const byWorker = new Map<string, number>();
    const def = defineJob({
      kind: 'test.counted',
      payload: z.object({ n: z.number().int() }),
      handle: async (_payload, { db: workerDb, job }) => {
        if (active.has(job.id)) overlaps.push(job.id);
        active.add(job.id);
        runs.set(job.id, (runs.get(job.id) ?? 0) + 1);
        const worker = job.locked_by?.split('/')[0] ?? '?';
        byWorker.set(worker, (byWorker.get(worker) ?? 0) + 1);
        await recordJobRun(workerDb, job.id, worker, 'start');
        await sleep(Math.random() * 4);
        await recordJobRun(workerDb, job.id, worker, 'end');
        active.delete(job.id);
      },
    });

    await db.transaction().execute(async (trx) => {
      for (let n = 0; n < JOBS; n++) await enqueueJob(trx, def, { n });
    });

    for (let i = 0; i < WORKERS; i++) {
      const pool = await openDatabase(database.url, { poolSize: 3 });
      pools.push(pool);
      const services = jobTestServices({ ...pool, url: database.url }, database.dataDir);
      workers.push(
        new Worker({ services, jobs: [def], concurrency: 3, leaseMs: 30_000, pollMs: 10, log: services.log }),
      );
    }
    for (const w of workers) w.start();
    await waitFor(async () => (await countJobsByStatus(db)).done === JOBS, 60_000, 'every job to be done');
    await Promise.all(workers.map((w) => w.stop()));

    assert.deepEqual(overlaps, [], 'no job ran twice at the same time');
    assert.equal(runs.size, JOBS);
    assert.deepEqual(
      [...runs.values()].filter((n) => n !== 1),
      [],
      'every job ran exactly once',
    );
    assert.deepEqual(await countJobsByStatus(db), { pending: 0, running: 0, done: JOBS, dead: 0 });
    const attempts = await db.selectFrom('jobs').select('attempts').where('attempts', '!=', 1).execute();
    assert.deepEqual(attempts, [], 'every job was claimed once');

    const rows = await listJobRuns(db);
    assert.equal(rows.length, 2 * JOBS);
    const perJob = new Map<string, string[]>();
    for (const r of rows) perJob.set(r.job_id, [...(perJob.get(r.job_id) ?? []), `${r.worker}:${r.phase}`]);
    for (const [jobId, phases] of perJob) {
      assert.equal(phases.length, 2, `job ${jobId}: one start, one end`);
      assert.equal(new Set(phases.map((p) => p.split(':').slice(0, -1).join(':'))).size, 1, 'by the same worker');
    }
    assert.equal(byWorker.size, WORKERS, `all ${WORKERS} workers took part: ${JSON.stringify([...byWorker])}`);
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    for (const p of pools) await p.close();
    await database.close();
  }
});
