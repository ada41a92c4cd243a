import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { isoIn } from '../db/time.js';
import { buildTestApp, type TestApp } from '../testing/app.js';
import { scheduleHousekeeping } from './housekeeping.job.js';

let t: TestApp;
before(async () => {
  t = await buildTestApp();
});
after(() => t.close());

const DAY_MS = 86_400_000;

async function importRun(finishedDaysAgo: number): Promise<string> {
  const { db } = t.services.database;
  const id = crypto.randomUUID();
  const finished = isoIn(-finishedDaysAgo * DAY_MS);
  await db
    .insertInto('import_runs')
    .values({
      id,
      source: 'gumroad',
      export_name: 'sales CSV',
      file_key: `imports/${id}`,
      file_name: 'sales.csv',
      file_bytes: 100,
      status: 'done',
      rows_total: 1,
      created_by: 'admin@example.com',
      created_at: finished,
      updated_at: finished,
      finished_at: finished,
    })
    .execute();
  await db
    .insertInto('import_lines')
    .values({
      run_id: id,
      phase: 'real',
      line: 2,
      action: 'skip',
      reason: 'invalid_email',
      detail: 'kim(at)example.com',
    })
    .execute();
  return id;
}

test('housekeeping drops the line verdicts of imports finished over a month ago, keeping the runs and recent verdicts', async () => {
  const { db } = t.services.database;
  const old = await importRun(31);
  const recent = await importRun(2);
  await scheduleHousekeeping(db);
  await t.drainJobs();
  const lines = await db.selectFrom('import_lines').select('run_id').execute();
  assert.deepEqual(
    lines.map((l) => l.run_id),
    [recent],
  );
  const runs = await db.selectFrom('import_runs').select('id').orderBy('created_at').execute();
  assert.deepEqual(
    runs.map((r) => r.id),
    [old, recent],
  );
});
