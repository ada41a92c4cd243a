import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { isoNow } from '../../db/time.js';
import { retryDeadJob } from '../../jobs/queue.js';
import { buildTestApp, setUpStore, type TestApp } from '../../testing/app.js';
import { queueEmail } from './queue-email.js';
import { freePort, parseMessage, type SmtpReceiver, startSmtpReceiver } from './testing-smtp.js';
import { smtpMailer } from './transport.js';

const UNSUBSCRIBE =
  '<https://laden.example/newsletter/abmelden?token=3f9a1c0e7b6d4e2f8a5b9c1d0e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f>, <mailto:abmelden@laden.example?subject=unsubscribe>';

async function appWith(port: number): Promise<TestApp> {
  const t = await buildTestApp({ mailer: smtpMailer(`smtp://127.0.0.1:${port}?tls=off`) });
  await setUpStore(t.services, { locale: 'de', storeName: 'Bäckerei Müller & Söhne' });
  return t;
}

function queueReset(t: TestApp, opts: { to?: string; uniqueKey?: string } = {}) {
  return queueEmail(t.services.database.db, {
    to: opts.to ?? 'kundin@example.com',
    locale: 'de',
    template: 'password-reset',
    data: { url: 'https://laden.example/admin/password-reset/abc123', minutes: 30 },
    headers: { 'List-Unsubscribe': UNSUBSCRIBE, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    ...(opts.uniqueKey ? { uniqueKey: opts.uniqueKey } : {}),
  });
}

async function emailRow(t: TestApp, id: string) {
  return t.services.database.db.selectFrom('emails').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function jobFor(t: TestApp, emailId: string) {
  const jobs = await t.services.database.db.selectFrom('jobs').selectAll().where('kind', '=', 'email.send').execute();
  const job = jobs.find((j) => (JSON.parse(j.payload) as { emailId: string }).emailId === emailId);
  assert.ok(job, 'send job exists');
  return job;
}

/** Lets a job whose backoff has not run out yet run now. */
async function makeDue(t: TestApp, jobId: string) {
  await t.services.database.db.updateTable('jobs').set({ run_at: isoNow() }).where('id', '=', jobId).execute();
}

describe('SMTP delivery to a real SMTP server', () => {
  let smtp: SmtpReceiver;
  let t: TestApp;
  before(async () => {
    smtp = await startSmtpReceiver();
    t = await appWith(smtp.port);
  });
  after(async () => {
    await t.close();
    await smtp.close();
  });

  test('one message arrives with recipient, German subject, text and HTML parts and extra headers', async () => {
    const id = await queueReset(t);
    assert.ok(id);
    assert.equal(await t.drainJobs(), 1);
    assert.equal(smtp.messages.length, 1);
    const [msg] = smtp.messages;
    assert.deepEqual(msg?.to, ['kundin@example.com']);
    assert.equal(msg?.from, 'shop@localhost');

    const mail = parseMessage(msg!.raw);
    assert.equal(mail.headers.get('to'), 'kundin@example.com');
    assert.equal(mail.headers.get('subject'), 'Passwort zurücksetzen');
    assert.equal(mail.headers.get('message-id'), `<${id}@vielfach>`);
    assert.equal(mail.headers.get('list-unsubscribe'), UNSUBSCRIBE);
    assert.equal(mail.headers.get('list-unsubscribe-post'), 'List-Unsubscribe=One-Click');

    const text = mail.parts.find((p) => p.headers.get('content-type')?.startsWith('text/plain'));
    const html = mail.parts.find((p) => p.headers.get('content-type')?.startsWith('text/html'));
    assert.ok(text && html, 'both a text and an HTML part');
    assert.match(text.body, /Bäckerei Müller & Söhne/);
    assert.match(text.body, /möchte das Passwort Ihres Shop-Admin-Kontos zurücksetzen/);
    assert.match(text.body, /https:\/\/laden\.example\/admin\/password-reset\/abc123/);
    assert.match(html.body, /<h1[^>]*>Passwort zurücksetzen<\/h1>/);
    assert.match(html.body, /Bäckerei Müller &amp; Söhne/);
    assert.match(html.body, /href="https:\/\/laden\.example\/admin\/password-reset\/abc123"/);

    const row = await emailRow(t, id);
    assert.equal(row.status, 'sent');
    assert.equal(row.transport, 'smtp');
    assert.equal(row.message_id, `<${id}@vielfach>`);
    assert.equal(row.error, null);
    assert.ok(row.sent_at);
    assert.equal((await jobFor(t, id)).status, 'done');
  });

  test('running the same send job again does not send a second message', async () => {
    smtp.messages.length = 0;
    const id = await queueReset(t, { to: 'zweimal@example.com' });
    assert.ok(id);
    await t.drainJobs();
    const job = await jobFor(t, id);
    // As if the job were handed out again (a lease ran out, a retry button, a replay).
    await t.services.database.db
      .updateTable('jobs')
      .set({ status: 'pending', run_at: isoNow(), finished_at: null })
      .where('id', '=', job.id)
      .execute();
    assert.equal(await t.drainJobs(), 1);
    assert.equal(smtp.messages.length, 1);
    assert.equal((await emailRow(t, id)).status, 'sent');
  });

  test('queueing twice under one key yields one email and one message', async () => {
    smtp.messages.length = 0;
    const first = await queueReset(t, { to: 'einmal@example.com', uniqueKey: 'reset:einmal' });
    const second = await queueReset(t, { to: 'einmal@example.com', uniqueKey: 'reset:einmal' });
    assert.ok(first);
    assert.equal(second, undefined);
    await t.drainJobs();
    assert.equal(smtp.messages.length, 1);
  });

  test('a server refusing for now: the email stays queued, the job retries later and delivers once', async () => {
    smtp.messages.length = 0;
    smtp.refuse = true;
    const id = await queueReset(t, { to: 'grau@example.com' });
    assert.ok(id);
    assert.equal(await t.drainJobs(), 1);
    assert.equal(smtp.messages.length, 0);
    const row = await emailRow(t, id);
    assert.equal(row.status, 'queued');
    assert.match(row.error ?? '', /451|Greylisted/);
    const job = await jobFor(t, id);
    assert.equal(job.status, 'pending');
    assert.equal(job.attempts, 1);
    assert.match(job.last_error ?? '', /451|Greylisted/);
    assert.ok(job.run_at > isoNow(), 'retried after a backoff, not at once');
    assert.equal(await t.drainJobs(), 0, 'not due yet');

    smtp.refuse = false;
    await makeDue(t, job.id);
    assert.equal(await t.drainJobs(), 1);
    assert.equal(smtp.messages.length, 1);
    assert.deepEqual(smtp.messages[0]?.to, ['grau@example.com']);
    const sent = await emailRow(t, id);
    assert.equal(sent.status, 'sent');
    assert.equal(sent.error, null);
  });
});

describe('SMTP server down', () => {
  let port: number;
  let t: TestApp;
  let smtp: SmtpReceiver | undefined;
  before(async () => {
    port = await freePort();
    t = await appWith(port);
  });
  after(async () => {
    await t.close();
    await smtp?.close();
  });

  test('nothing is lost: the job retries with the error kept, and delivers once the server is back', async () => {
    const id = await queueReset(t);
    assert.ok(id);
    assert.equal(await t.drainJobs(), 1);
    const row = await emailRow(t, id);
    assert.equal(row.status, 'queued');
    assert.match(row.error ?? '', /ECONNREFUSED|connect/i);
    const job = await jobFor(t, id);
    assert.equal(job.status, 'pending');
    assert.match(job.last_error ?? '', /ECONNREFUSED|connect/i);

    smtp = await startSmtpReceiver(port);
    await makeDue(t, job.id);
    assert.equal(await t.drainJobs(), 1);
    assert.equal(smtp.messages.length, 1);
    assert.equal((await emailRow(t, id)).status, 'sent');
    assert.equal((await jobFor(t, id)).status, 'done');
  });

  test('after the last attempt the email is failed; retrying the dead job sends it', async () => {
    await smtp?.close();
    smtp = undefined;
    const id = await queueReset(t, { to: 'spaet@example.com' });
    assert.ok(id);
    const job = await jobFor(t, id);
    await t.services.database.db.updateTable('jobs').set({ max_attempts: 1 }).where('id', '=', job.id).execute();
    assert.equal(await t.drainJobs(), 1);
    assert.equal((await emailRow(t, id)).status, 'failed');
    assert.equal((await jobFor(t, id)).status, 'dead');

    smtp = await startSmtpReceiver(port);
    assert.ok(await retryDeadJob(t.services.database.db, job.id));
    assert.equal(await t.drainJobs(), 1);
    assert.equal(smtp.messages.length, 1);
    const sent = await emailRow(t, id);
    assert.equal(sent.status, 'sent');
    assert.equal(sent.error, null);
  });
});
