import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SMTPServer } from 'smtp-server';
import type { Job } from '../../db/schema.js';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { parseMessage, type SmtpReceiver, startSmtpReceiver } from '../email/testing-smtp.js';
import { type Mailer, smtpMailer } from '../email/transport.js';
import { savePost } from '../posts/save-post.js';
import { seedMember, seedSubscription, seedTier } from '../posts/testing.js';
import { fanOutHandler } from './fan-out.job.js';
import { INTERRUPTED, sendBatch } from './send-batch.js';

const input = (over: Partial<Parameters<typeof savePost>[1]['input']> = {}) => ({
  title: 'Market letter 12',
  slug: 'market-letter-12',
  excerpt: 'This week: rates.',
  bodyMd: 'The **secret** outlook for subscribers.',
  visibility: 'public' as const,
  tierIds: [],
  sendEmail: true,
  action: 'publish' as const,
  publishAt: null,
  ...over,
});

/** Who received how many messages, by envelope recipient. */
function countByRecipient(receiver: SmtpReceiver): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of receiver.messages) for (const to of m.to) counts.set(to, (counts.get(to) ?? 0) + 1);
  return counts;
}

describe('newsletter sending over SMTP', () => {
  let t: TestApp;
  let receiver: SmtpReceiver;
  before(async () => {
    receiver = await startSmtpReceiver();
    t = await buildTestApp({
      mailer: smtpMailer(`smtp://127.0.0.1:${receiver.port}?tls=off`, { maxConnections: 3 }),
      env: { NEWSLETTER_BATCH_SIZE: '25' },
    });
    await setUpStore(t.services);
  });
  after(async () => {
    await t.close();
    await receiver.close();
  });
  const db = () => t.services.database.db;

  test('publishing mails every subscribed member of the audience once, personalised, with List-Unsubscribe headers', async () => {
    receiver.messages.length = 0;
    const paid = await seedTier(db(), { name: 'Gold' });
    const ada = await seedMember(db(), { email: 'ada@example.com', name: 'Ada <Lovelace>' });
    await seedMember(db(), { email: 'bob@example.com' });
    await seedMember(db(), { email: 'gone@example.com', status: 'unsubscribed' });
    await seedMember(db(), { email: 'pending@example.com', status: 'pending', confirmed: false });
    await seedMember(db(), { email: 'de@example.com', name: 'Dora', locale: 'de' });
    const gold = await seedMember(db(), { email: 'gold@example.com', name: 'Gil' });
    await seedSubscription(db(), gold, paid);

    const r = await savePost(db(), { input: input(), actor: 'test' });
    assert.equal(r.kind, 'ok');
    await t.drainJobs();
    const counts = countByRecipient(receiver);
    assert.deepEqual([...counts.keys()].sort(), [
      'ada@example.com',
      'bob@example.com',
      'de@example.com',
      'gold@example.com',
    ]);
    assert.ok([...counts.values()].every((n) => n === 1));

    const adaMsg = receiver.messages.find((m) => m.to.includes('ada@example.com'))!;
    const parsed = parseMessage(adaMsg.raw);
    assert.equal(parsed.headers.get('subject'), 'Market letter 12');
    const unsub = parsed.headers.get('list-unsubscribe') ?? '';
    assert.match(unsub, new RegExp(`^<${t.services.config.publicUrl}/unsubscribe/${ada}\\?s=[A-Za-z0-9_-]+>$`));
    assert.equal(parsed.headers.get('list-unsubscribe-post'), 'List-Unsubscribe=One-Click');
    const html = parsed.parts.find((p) => (p.headers.get('content-type') ?? '').startsWith('text/html'))!.body;
    const text = parsed.parts.find((p) => (p.headers.get('content-type') ?? '').startsWith('text/plain'))!.body;
    assert.match(html, /Hello Ada &lt;Lovelace&gt;,/, 'the name is escaped in HTML');
    assert.match(text, /Hello Ada <Lovelace>,/);
    assert.match(html, /<strong>secret<\/strong>/);
    assert.ok(html.includes(`/unsubscribe/${ada}?s=`), 'own unsubscribe link in the body');
    const dora = parseMessage(receiver.messages.find((m) => m.to.includes('de@example.com'))!.raw);
    assert.match(dora.parts.map((p) => p.body).join(''), /Hallo Dora,/);

    // The one-click link from the header works without cookies or token.
    const url = unsub.slice(1, -1).slice(t.services.config.publicUrl.length);
    const res = await t.app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    assert.equal(res.statusCode, 200);
    const m = await db().selectFrom('members').select('email_status').where('id', '=', ada).executeTakeFirstOrThrow();
    assert.equal(m.email_status, 'unsubscribed');

    const send = await db().selectFrom('post_sends').selectAll().executeTakeFirstOrThrow();
    assert.equal(send.status, 'done');
    assert.equal(send.recipients, 4);

    // Publishing again, or rerunning every job, sends nothing more.
    const again = await savePost(db(), { id: r.kind === 'ok' ? r.id : '', input: input(), actor: 'test' });
    assert.equal(again.kind, 'ok');
    await db()
      .updateTable('jobs')
      .set({ status: 'pending', run_at: new Date(0).toISOString() })
      .execute();
    await t.drainJobs();
    assert.equal(receiver.messages.length, 4);
  });

  test('a paid post is mailed only to members with access: gated text never reaches a free member', async () => {
    receiver.messages.length = 0;
    const tier = await seedTier(db(), { name: 'Silver' });
    const free = await seedMember(db(), { email: 'free2@example.com' });
    const payer = await seedMember(db(), { email: 'payer2@example.com' });
    await seedSubscription(db(), payer, tier);
    assert.ok(free);
    await savePost(db(), {
      input: input({
        slug: 'paid-letter',
        title: 'Paid letter',
        bodyMd: 'GATED-TEXT-42',
        visibility: 'tiers',
        tierIds: [tier],
      }),
      actor: 'test',
    });
    await t.drainJobs();
    const recipients = receiver.messages.flatMap((m) => m.to);
    assert.deepEqual(recipients, ['payer2@example.com']);
    for (const m of receiver.messages) {
      if (!m.to.includes('payer2@example.com')) assert.ok(!m.raw.toString('latin1').includes('GATED-TEXT-42'));
    }
  });
});

describe('a send interrupted mid-way resumes without duplicates', () => {
  let t: TestApp;
  let receiver: SmtpReceiver;
  before(async () => {
    receiver = await startSmtpReceiver();
    t = await buildTestApp({
      mailer: smtpMailer(`smtp://127.0.0.1:${receiver.port}?tls=off`, { maxConnections: 3 }),
      env: { NEWSLETTER_BATCH_SIZE: '100' },
    });
    await setUpStore(t.services);
  });
  after(async () => {
    await t.close();
    await receiver.close();
  });

  test('a batch that dies after handing messages over (before marking them) is rerun: everyone gets the post exactly once', async () => {
    const db = t.services.database.db;
    const emails: string[] = [];
    for (let i = 0; i < 150; i++) {
      const email = `reader${String(i).padStart(3, '0')}@example.com`;
      emails.push(email);
      await seedMember(db, { email, name: `Reader ${i}` });
    }
    const r = await savePost(db, { input: input({ slug: 'crash', title: 'Crash test' }), actor: 'test' });
    assert.equal(r.kind, 'ok');
    const send = await db.selectFrom('post_sends').selectAll().executeTakeFirstOrThrow();
    // The fan-out alone: two batches (100 + 50) and their jobs, not yet run.
    await fanOutHandler.handle(
      { sendId: send.id },
      { db, services: t.services, log: t.services.log, job: {} as Job, signal: new AbortController().signal },
    );
    const rows = await db.selectFrom('post_deliveries').select(['batch']).execute();
    assert.equal(rows.length, 150);

    // The "crashing" process (four lanes claim groups of ten): after 43 messages every further message is handed to SMTP and then the
    // process freezes for good — it never marks them sent, and claims nothing more.
    const real = t.services.mailer;
    let handed = 0;
    const crashing: Mailer = {
      ...real,
      sendRaw: async (envelope, raw, messageId) => {
        handed++;
        const sent = await real.sendRaw!(envelope, raw, messageId);
        if (handed > 43) return new Promise(() => {});
        return sent;
      },
    };
    void sendBatch({ ...t.services, mailer: crashing }, { sendId: send.id, batch: 0 });
    // Wait until the frozen run has handed over all it ever will (every lane stuck on a group).
    for (let i = 0; i < 500 && receiver.messages.length < 43; i++) await new Promise((res) => setTimeout(res, 20));
    let seen = -1;
    for (let i = 0; i < 100 && seen !== receiver.messages.length; i++) {
      seen = receiver.messages.length;
      await new Promise((res) => setTimeout(res, 150));
    }
    assert.ok(handed > 43);
    const mid = await db
      .selectFrom('post_deliveries')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('batch', '=', 0)
      .groupBy('status')
      .execute();
    const midCounts = Object.fromEntries(mid.map((m) => [m.status, Number(m.n)]));
    assert.ok((midCounts.sent ?? 0) >= 10, 'whole groups were marked sent before the freeze');
    assert.ok((midCounts.sending ?? 0) > 0, 'some rows were left claimed by the frozen run');
    assert.ok((midCounts.queued ?? 0) > 0, 'some rows were never claimed');

    // The job queue reruns the batch jobs (the frozen run is as good as dead).
    await t.drainJobs();
    const counts = countByRecipient(receiver);
    assert.equal(counts.size, 150, 'every recipient received the post');
    for (const email of emails) assert.equal(counts.get(email), 1, `${email} received it exactly once`);
    const after = await db
      .selectFrom('post_deliveries')
      .select(['status', 'error'])
      .where('status', '=', 'unknown')
      .execute();
    assert.equal(after.length, midCounts.sending, 'the interrupted rows are marked unknown, not resent');
    assert.ok(after.every((a) => a.error === INTERRUPTED));
    const done = await db.selectFrom('post_sends').select('status').executeTakeFirstOrThrow();
    assert.equal(done.status, 'done');
  });
});

describe('sending rate', () => {
  test('SMTP_RATE_PER_SECOND paces the pooled transport: 12 messages at 5 per second take over 2 seconds', async () => {
    const receiver = await startSmtpReceiver();
    const t = await buildTestApp({
      mailer: smtpMailer(`smtp://127.0.0.1:${receiver.port}?tls=off`, { maxConnections: 3, ratePerSecond: 5 }),
    });
    try {
      await setUpStore(t.services);
      const db = t.services.database.db;
      for (let i = 0; i < 12; i++) await seedMember(db, { email: `paced${i}@example.com` });
      await savePost(db, { input: input({ slug: 'paced' }), actor: 'test' });
      const started = Date.now();
      await t.drainJobs();
      assert.equal(receiver.messages.length, 12);
      assert.ok(Date.now() - started >= 2000, `took ${Date.now() - started} ms`);
    } finally {
      await t.close();
      await receiver.close();
    }
  });
});

describe('permanent refusals', () => {
  test('a 550 marks the delivery bounced and the member bounced; the others are sent', async () => {
    const got: string[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      closeTimeout: 200,
      onRcptTo(address, _s, cb) {
        if (address.address.startsWith('nobody@'))
          return cb(Object.assign(new Error('No such user'), { responseCode: 550 }));
        got.push(address.address);
        cb();
      },
      onData(stream, _s, cb) {
        stream.resume();
        stream.on('end', () => cb());
      },
    });
    await new Promise<void>((res) => server.listen(0, '127.0.0.1', () => res()));
    const port = (server.server.address() as { port: number }).port;
    const t = await buildTestApp({ mailer: smtpMailer(`smtp://127.0.0.1:${port}?tls=off`) });
    try {
      await setUpStore(t.services);
      const db = t.services.database.db;
      const nobody = await seedMember(db, { email: 'nobody@example.com' });
      await seedMember(db, { email: 'somebody@example.com' });
      await savePost(db, { input: input(), actor: 'test' });
      await t.drainJobs();
      assert.deepEqual(got, ['somebody@example.com']);
      const d = await db
        .selectFrom('post_deliveries')
        .select(['status'])
        .where('member_id', '=', nobody)
        .executeTakeFirstOrThrow();
      assert.equal(d.status, 'bounced');
      const m = await db
        .selectFrom('members')
        .select('email_status')
        .where('id', '=', nobody)
        .executeTakeFirstOrThrow();
      assert.equal(m.email_status, 'bounced');
    } finally {
      await t.close();
      await new Promise<void>((res) => server.close(() => res()));
    }
  });

  test('batches that finish before the fan-out does still let the send end as done', async () => {
    const t = await buildTestApp();
    try {
      await setUpStore(t.services);
      const db = t.services.database.db;
      await seedMember(db, { email: 'early@example.com' });
      await savePost(db, { input: input({ slug: 'early' }), actor: 'test' });
      const send = await db.selectFrom('post_sends').selectAll().executeTakeFirstOrThrow();
      const ctx = {
        db,
        services: t.services,
        log: t.services.log,
        job: {} as Job,
        signal: new AbortController().signal,
      };
      await fanOutHandler.handle({ sendId: send.id }, ctx);
      // As if the fan-out had stopped right before its last step while the batch ran to the end.
      await db.updateTable('post_sends').set({ status: 'fanning-out', fanned_out_at: null }).execute();
      await sendBatch(t.services, { sendId: send.id, batch: 0 });
      assert.equal(
        (await db.selectFrom('post_sends').select('status').executeTakeFirstOrThrow()).status,
        'fanning-out',
      );
      await fanOutHandler.handle({ sendId: send.id }, ctx);
      assert.equal((await db.selectFrom('post_sends').select('status').executeTakeFirstOrThrow()).status, 'done');
      assert.equal(
        (await db.selectFrom('emails').select('id').where('to_address', '=', 'early@example.com').execute()).length,
        1,
      );
    } finally {
      await t.close();
    }
  });

  test('the admin sees the send progress (counts per status) and the JSON the page polls', async () => {
    const t = await buildTestApp();
    try {
      await setUpStore(t.services);
      const db = t.services.database.db;
      await seedMember(db, { email: 'one@example.com' });
      const r = await savePost(db, { input: input(), actor: 'test' });
      assert.equal(r.kind, 'ok');
      const id = r.kind === 'ok' ? r.id : '';
      const c = new TestClient(t.app);
      await c.login();
      const before = await c.get(`/admin/posts/${id}`);
      assert.match(before.body, /data-progress-url="\/admin\/posts\/[0-9a-f-]+\/progress.json"/);
      await t.drainJobs();
      const json = await c.get(`/admin/posts/${id}/progress.json`, { accept: 'application/json' });
      assert.equal(json.statusCode, 200);
      const data = JSON.parse(json.body) as { status: string; counts: Record<string, number> };
      assert.equal(data.status, 'done');
      assert.equal(data.counts.sent, 1);
      // Outbox mode: the message is in the outbox, exactly as sent.
      const stored = await db.selectFrom('emails').selectAll().where('to_address', '=', 'one@example.com').execute();
      assert.equal(stored.length, 1);
      assert.match(stored[0]!.headers, /List-Unsubscribe-Post/);
      const page = await c.get(`/admin/posts/${id}`);
      assert.match(page.body, /Sent to 1 recipients/);
      const anon = await new TestClient(t.app).get(`/admin/posts/${id}/progress.json`, { accept: 'application/json' });
      assert.equal(anon.statusCode, 401);
    } finally {
      await t.close();
    }
  });
});
