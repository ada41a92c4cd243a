import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openDatabase } from './db/database.js';
import { jobTestServices } from './jobs/testing.js';
import { scheduleRecurringJobs } from './server.js';
import { createTestDatabase } from './testing/database.js';

test('three instances starting at once schedule each recurring job once', async () => {
  const database = await createTestDatabase();
  const pools = [
    database,
    await openDatabase(database.url, { poolSize: 3 }),
    await openDatabase(database.url, { poolSize: 3 }),
  ];
  try {
    const instances = pools.map((p) => jobTestServices({ ...p, url: database.url }, database.dataDir));
    await Promise.all(instances.map((s) => scheduleRecurringJobs(s)));
    const jobs = await database.db
      .selectFrom('jobs')
      .select(['kind', 'unique_key'])
      .where('status', '=', 'pending')
      .orderBy('kind')
      .execute();
    assert.ok(jobs.length >= 5, `the recurring jobs are scheduled: ${jobs.map((j) => j.kind)}`);
    const kinds = jobs.map((j) => j.kind);
    assert.deepEqual(kinds, [...new Set(kinds)], 'one pending job per recurring kind, not one per instance');
    assert.ok(
      jobs.every((j) => j.unique_key !== null),
      'every recurring job carries a unique key',
    );

    // An instance restarting later (an update, a crash) adds nothing either.
    await scheduleRecurringJobs(instances[1]!);
    const again = await database.db.selectFrom('jobs').select('id').where('status', '=', 'pending').execute();
    assert.equal(again.length, jobs.length);
  } finally {
    for (const p of pools.slice(1)) await p.close();
    await database.close();
  }
});
