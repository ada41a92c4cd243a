import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { isoNow } from '../../db/time.js';
import { buildTestApp, setUpStore, type TestApp } from '../../testing/app.js';
import { testDialect } from '../../testing/database.js';
import { nextRunAt, scheduleMonthlyPayoutRun } from './monthly-run.job.js';
import { payableCommission, seedPayee, seedPayoutStore } from './payouts.testing.js';

describe(`monthly payout run (${testDialect})`, () => {
  let t: TestApp;
  const db = () => t.services.database.db;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    await seedPayoutStore(db());
  });
  after(() => t.close());

  test('runs on the first of the next month at 06:00 UTC', () => {
    assert.equal(nextRunAt(new Date('2026-12-07T05:00:00Z')).toISOString(), '2027-01-01T06:00:00.000Z');
    assert.equal(nextRunAt(new Date('2026-01-31T23:59:59Z')).toISOString(), '2026-02-01T06:00:00.000Z');
  });

  test('the job pays, schedules the next month once, and a rerun adds nothing', async () => {
    const a = await seedPayee(db());
    await payableCommission(db(), a.id, 100_00);
    await scheduleMonthlyPayoutRun(db(), new Date('2026-12-01T06:00:00Z'));
    await scheduleMonthlyPayoutRun(db(), new Date('2026-12-01T06:00:00Z'));
    const jobs = () =>
      db()
        .selectFrom('jobs')
        .select(['status', 'payload', 'run_at'])
        .where('kind', '=', 'affiliate-payouts.monthly-run')
        .execute();
    assert.equal((await jobs()).length, 1, 'scheduled once');
    await t.drainJobs();
    assert.equal((await db().selectFrom('affiliate_payouts').selectAll().execute()).length, 1);
    const pending = (await jobs()).filter((j) => j.status === 'pending');
    assert.deepEqual(
      pending.map((j) => JSON.parse(j.payload).month),
      ['2027-01'],
    );
    // The same job again (a crash after the work): nothing twice.
    await db()
      .updateTable('jobs')
      .set({ run_at: isoNow() })
      .where('kind', '=', 'affiliate-payouts.monthly-run')
      .where('status', '=', 'pending')
      .execute();
    await t.drainJobs();
    assert.equal((await db().selectFrom('affiliate_payouts').selectAll().execute()).length, 1);
  });
});
