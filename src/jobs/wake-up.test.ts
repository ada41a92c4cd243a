import assert from 'node:assert/strict';
import { test } from 'node:test';
import pino from 'pino';
import { z } from 'zod';
import { openDatabase } from '../db/database.js';
import { createTestDatabase, testDialect } from '../testing/database.js';
import { defineJob } from './define.js';
import { enqueueJob } from './queue.js';
import { jobTestServices, sleep, waitFor } from './testing.js';
import { listenForWakeUps, notifyWorkers } from './wake-up.js';
import { Worker } from './worker.js';

test('a web instance’s NOTIFY wakes a worker in another process at once, instead of after its poll', {
  skip: testDialect !== 'postgres' && 'PostgreSQL only: LISTEN/NOTIFY; on SQLite the one process nudges its own worker',
}, async () => {
  const database = await createTestDatabase();
  const web = await openDatabase(database.url, { poolSize: 2 }); // the web instance's own pool
  const done = new Set<number>();
  const def = defineJob({
    kind: 'test.wake-up',
    payload: z.object({ n: z.number().int() }),
    handle: async ({ n }) => {
      done.add(n);
    },
  });
  const services = jobTestServices(database, database.dataDir);
  // A poll this long would fail the test: only the notification can wake the worker in time.
  const worker = new Worker({
    services,
    jobs: [def],
    concurrency: 1,
    leaseMs: 30_000,
    pollMs: 120_000,
    log: services.log,
  });
  worker.start();
  const unlisten = await listenForWakeUps(database.url, () => worker.nudge(), pino({ level: 'silent' }));
  try {
    await sleep(500); // the worker found nothing and waits
    await enqueueJob(web.db, def, { n: 1 });
    await sleep(1500);
    assert.equal(done.has(1), false, 'without a notification the worker still waits');

    const t0 = performance.now();
    notifyWorkers(web.db)();
    await waitFor(() => done.has(1), 10_000, 'the job to run after the notification');
    assert.ok(performance.now() - t0 < 10_000);

    await enqueueJob(web.db, def, { n: 2 });
    notifyWorkers(web.db)();
    await waitFor(() => done.has(2), 10_000, 'a second wake-up');
  } finally {
    await unlisten();
    await worker.stop();
    await web.close();
    await database.close();
  }
});
