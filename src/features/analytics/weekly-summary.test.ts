import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { enqueueJob } from '../../jobs/queue.js';
import { buildTestApp, setUpStore, type TestApp } from '../../testing/app.js';
import { writeSetting } from '../settings/store-settings.js';
import { weeklySummaryJob } from './job-contracts.js';
import { nextRun, scheduleWeeklySummary } from './weekly-summary.job.js';

describe('weekly summary email', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
  });
  after(() => t.close());

  const weeklyEmails = () =>
    t.services.database.db
      .selectFrom('emails')
      .select(['subject', 'to_address'])
      .where('template', '=', 'analytics-weekly')
      .execute();

  test('runs on Monday mornings, one job per week however often it is scheduled', async () => {
    assert.equal(nextRun(new Date('2026-04-01T12:00:00Z')).toISOString(), '2026-04-06T07:00:00.000Z');
    const { db } = t.services.database;
    await scheduleWeeklySummary(db, new Date('2026-04-01T12:00:00Z'));
    await scheduleWeeklySummary(db, new Date('2026-04-02T12:00:00Z'));
    const jobs = await db.selectFrom('jobs').select('unique_key').where('kind', '=', weeklySummaryJob.kind).execute();
    assert.deepEqual(
      jobs.map((j) => j.unique_key),
      ['analytics-weekly:2026-W15'],
    );
  });

  test('one email per admin and week, even when the job runs twice; none after opting out', async () => {
    const { db } = t.services.database;
    await t.drainJobs(); // the week scheduled above is past: it runs first
    const earlier = (await weeklyEmails()).length;
    await enqueueJob(db, weeklySummaryJob, { week: '2026-W20' });
    await enqueueJob(db, weeklySummaryJob, { week: '2026-W20' });
    await t.drainJobs();
    const sent = await weeklyEmails();
    assert.equal(sent.length, earlier + 1);
    assert.match(sent[0]?.subject ?? '', /^Your week: €0\.00 from products$/);
    await writeSetting(db, 'analytics.weekly_email', '0');
    await enqueueJob(db, weeklySummaryJob, { week: '2026-W21' });
    await t.drainJobs();
    assert.equal((await weeklyEmails()).length, earlier + 1);
  });
});
