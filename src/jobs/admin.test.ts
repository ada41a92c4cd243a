import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { z } from 'zod';
import { buildTestApp, setUpStore, TEST_ADMIN, type TestApp, TestClient } from '../testing/app.js';
import { defineJob } from './define.js';
import { claimNextJob, enqueueJob, failJob, findJob } from './queue.js';

const brokenJob = defineJob({ kind: 'test.broken', payload: z.object({ n: z.number() }), handle: async () => {} });

describe('admin: background jobs', () => {
  let t: TestApp;
  let client: TestClient;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    client = new TestClient(t.app);
    const res = await client.login();
    assert.equal(res.statusCode, 303);
  });
  after(() => t.close());

  /** A job that failed for good, with the error a real failure would leave. */
  let made = 0;
  async function deadJob(error = 'SMTP 550 mailbox unavailable'): Promise<string> {
    const { db, dialect } = t.services.database;
    // A kind of its own, so the claim below takes exactly this job.
    const def = { ...brokenJob, kind: `test.broken.${++made}` };
    const id = (await enqueueJob(db, def, { n: 1 }, { maxAttempts: 1 }))!;
    const claimed = await claimNextJob(db, dialect, 'test', 30_000, [def.kind]);
    assert.equal(claimed?.id, id);
    assert.equal(await failJob(db, claimed!, error), 'dead');
    return id;
  }

  test('the page needs a login', async () => {
    const res = await new TestClient(t.app).get('/admin/jobs');
    assert.equal(res.statusCode, 303);
    assert.match(String(res.headers.location), /^\/admin\/login/);
  });

  test('lists jobs with status tabs and counts; ?status=dead shows the failed ones', async () => {
    const id = await deadJob('Error: <script>alert(1)</script>');
    await enqueueJob(t.services.database.db, brokenJob, { n: 2 });
    const all = await client.get('/admin/jobs');
    assert.equal(all.statusCode, 200);
    assert.match(all.body, /<h1>Background jobs<\/h1>/);
    assert.match(all.body, /Failed \(1\)/);
    assert.match(all.body, /Waiting \(1\)/);
    assert.match(all.body, /Done \(0\)/);

    const dead = await client.get('/admin/jobs?status=dead');
    assert.equal(dead.statusCode, 200);
    assert.match(dead.body, /href="\/admin\/jobs\?status=dead" aria-current="page"/);
    assert.match(dead.body, new RegExp(`id="job-${id}"`));
    assert.match(dead.body, /test\.broken/);
    assert.match(dead.body, /1 of 1/);
    assert.match(dead.body, /&lt;script>alert\(1\)&lt;\/script>|&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.doesNotMatch(dead.body, /<script>alert/);
    assert.match(dead.body, new RegExp(`action="/admin/jobs/${id}/retry"`));
    assert.doesNotMatch(dead.body, /<span class="badge pending">/, 'the filter shows only dead jobs');

    const bogus = await client.get('/admin/jobs?status=bogus&page=x&notice=<b>');
    assert.equal(bogus.statusCode, 200, 'a hand-edited query falls back to the full list');
  });

  test('the page speaks German', async () => {
    const res = await client.get('/admin/jobs?status=dead', { cookie: `${client.cookieHeader}; vf_lang=de` });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Hintergrundaufgaben/);
    assert.match(res.body, /Fehlgeschlagen \(/);
  });

  test('retry puts a dead job back in the queue, with an audit entry and a notice', async () => {
    const { db } = t.services.database;
    const id = await deadJob();
    const res = await client.postForm(
      `/admin/jobs/${id}/retry`,
      { from: 'dead' },
      { formPage: '/admin/jobs?status=dead' },
    );
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/admin/jobs?status=dead&notice=retried');
    const job = await findJob(db, id);
    assert.equal(job?.status, 'pending');
    assert.equal(job?.attempts, 0);
    const audit = await db.selectFrom('audit_log').selectAll().where('action', '=', 'job.retry').execute();
    const entry = audit.find((a) => JSON.parse(a.detail).jobId === id);
    assert.ok(entry, 'the retry is in the audit log');
    assert.equal(entry.actor, TEST_ADMIN.email);
    assert.match(JSON.parse(entry.detail).kind, /^test\.broken\.\d+$/);

    const page = await client.get(String(res.headers.location));
    assert.match(page.body, /The job will run again shortly\./);

    const again = await client.postForm(`/admin/jobs/${id}/retry`, {}, { formPage: '/admin/jobs' });
    assert.equal(again.statusCode, 303);
    assert.equal(again.headers.location, '/admin/jobs?notice=not-dead');
    assert.match(
      (await client.get('/admin/jobs?notice=not-dead')).body,
      /has not failed, so there is nothing to retry/,
    );
  });

  test('retry without a CSRF token is refused and changes nothing', async () => {
    const id = await deadJob();
    const res = await client.postForm(`/admin/jobs/${id}/retry`, {}, { csrf: null });
    assert.equal(res.statusCode, 403);
    const forged = await client.postForm(`/admin/jobs/${id}/retry`, {}, { csrf: 'forged' });
    assert.equal(forged.statusCode, 403);
    assert.equal((await findJob(t.services.database.db, id))?.status, 'dead');
  });

  test('retrying an unknown job says so instead of failing', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid', "x'; DROP TABLE jobs;--"]) {
      const res = await client.postForm(`/admin/jobs/${encodeURIComponent(id)}/retry`, {}, { formPage: '/admin/jobs' });
      assert.equal(res.statusCode, 303, id);
      assert.equal(res.headers.location, '/admin/jobs?notice=not-found');
    }
    const page = await client.get('/admin/jobs?notice=not-found');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /That job does not exist \(any more\)\. Nothing was changed\./);
  });
});
