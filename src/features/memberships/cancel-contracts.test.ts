import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { parseMessage, type SmtpReceiver, startSmtpReceiver } from '../email/testing-smtp.js';
import { smtpMailer } from '../email/transport.js';
import { loadMemberAccess } from './access.js';
import { applyCancellation } from './apply-cancellation.js';
import { findSubscription } from './subscriptions.js';
import { moveToPeriodEnd, seedTier, subscribeAndPay } from './testing.js';

const mainOf = (html: string) => /<main[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1] ?? '';

describe('§ 312k BGB cancellation button', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    await seedTier(t.services, { name: 'Reader', monthly: 400, yearly: null });
    await seedTier(t.services, { name: 'Patron', monthly: 900, yearly: null });
  });
  after(() => t.close());
  const db = () => t.services.database.db;

  test('every page links it in the footer, in both languages, without login', async () => {
    const home = await t.app.inject({ url: '/', headers: { 'accept-language': 'de' } });
    assert.match(home.body, /<a href="\/cancel-contracts">Verträge hier kündigen<\/a>/);
    const en = await t.app.inject('/membership');
    assert.match(en.body, /<a href="\/cancel-contracts">Cancel contracts here<\/a>/);
    const page = await t.app.inject({ url: '/vertraege-kuendigen', headers: { 'accept-language': 'de' } });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Jetzt kündigen/);
  });

  test('cancels at period end, confirms with the time of receipt, and answers alike for unknown addresses', async () => {
    const c = new TestClient(t.app);
    const reader = await subscribeAndPay(t, c, { tier: 'reader', email: 'both@example.com' });
    const patron = await subscribeAndPay(t, c, { tier: 'patron', email: 'both@example.com' });
    const guest = new TestClient(t.app);
    const res = await guest.postForm('/cancel-contracts', {
      email: ' Both@Example.com ',
      contract: '',
      kind: 'ordinary',
      reason: '',
      requestedEnd: '',
    });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /We received your cancellation for both@example.com on/);
    await t.drainJobs();
    for (const id of [reader.id, patron.id]) {
      const s = (await findSubscription(db(), id))!;
      assert.equal(s.cancel_at_period_end, 1);
      assert.equal(s.status, 'active');
    }
    const stranger = await guest.postForm('/cancel-contracts', {
      email: 'nobody@example.com',
      contract: '',
      kind: 'ordinary',
      reason: '',
      requestedEnd: '',
    });
    assert.equal(stranger.statusCode, 200);
    const normalise = (html: string) =>
      mainOf(html)
        .replace(/both@example\.com|nobody@example\.com/g, 'X')
        .replace(/on [^.]+\. A confirmation/, 'on T. A confirmation');
    assert.equal(normalise(res.body), normalise(stranger.body), 'the page does not reveal a subscription');

    await t.drainJobs();
    const mails = await db()
      .selectFrom('emails')
      .select(['to_address', 'text'])
      .where('template', '=', 'membership-cancellation-received')
      .execute();
    assert.equal(mails.length, 2);
    const mine = mails.find((m) => m.to_address === 'both@example.com')!;
    assert.match(
      mine.text,
      /We received the cancellation \(Ordinary cancellation \(at the end of the current period\)\) for contracts of both@example.com on \d{1,2} \w{3} \d{4}, \d{2}:\d{2}/,
    );
    assert.match(mine.text, /Your subscription Reader ends on/);
    assert.match(mine.text, /Your subscription Patron ends on/);
    // The member's mailbox can undo it: one keep link per subscription this declaration canceled.
    assert.match(mine.text, /Keep Reader: this cancellation was not me/);
    assert.match(mine.text, /Keep Patron: this cancellation was not me/);
    const other = mails.find((m) => m.to_address === 'nobody@example.com')!;
    assert.doesNotMatch(other.text, /\/cancel-contracts\/keep\//, 'no contract, nothing to keep');
    const rows = await db().selectFrom('cancellation_requests').selectAll().orderBy('received_at').execute();
    assert.equal(rows.length, 2);
    assert.equal(rows[0]!.subscriptions_canceled, 2);
    assert.equal(rows[1]!.subscriptions_canceled, 0);
    assert.equal(rows[1]!.member_id, null);

    // Access continues until the period ends, then the subscription expires.
    assert.ok((await loadMemberAccess(db(), 'both@example.com', new Date())).paidTierIds.has(reader.tier_id));
    await moveToPeriodEnd(t.services, reader.id);
    await t.drainJobs();
    assert.equal((await findSubscription(db(), reader.id))!.status, 'expired');
  });

  test('a named contract cancels only that one', async () => {
    const c = new TestClient(t.app);
    const reader = await subscribeAndPay(t, c, { tier: 'reader', email: 'one@example.com' });
    const patron = await subscribeAndPay(t, c, { tier: 'patron', email: 'one@example.com' });
    const res = await new TestClient(t.app).postForm(
      '/cancel-contracts',
      {
        email: 'one@example.com',
        contract: 'Patron',
        kind: 'extraordinary',
        reason: 'moving',
        requestedEnd: '2027-01-31',
      },
      { formPage: '/cancel-contracts' },
    );
    assert.equal(res.statusCode, 200);
    await t.drainJobs();
    assert.equal((await findSubscription(db(), reader.id))!.cancel_at_period_end, 0);
    assert.equal((await findSubscription(db(), patron.id))!.cancel_at_period_end, 1);
    const row = await db()
      .selectFrom('cancellation_requests')
      .selectAll()
      .where('email', '=', 'one@example.com')
      .executeTakeFirstOrThrow();
    assert.equal(row.kind, 'extraordinary');
    assert.equal(row.requested_end, '2027-01-31');
    assert.equal(row.reason, 'moving');
  });

  test('bad input re-renders the form (400), a missing CSRF token is refused, never a 500', async () => {
    const c = new TestClient(t.app);
    const post = (fields: Record<string, string>) =>
      c.postForm('/cancel-contracts', fields, { formPage: '/cancel-contracts' });
    const bad = await post({ email: 'not-an-email' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /valid email address/);
    assert.equal((await post({ email: 'a@example.com', requestedEnd: '2027-02-30' })).statusCode, 400);
    assert.equal((await post({ email: 'a@example.com', kind: 'whenever' })).statusCode, 400);
    assert.equal((await post({ email: ['x', 'y'] as unknown as string })).statusCode, 400);
    const noCsrf = await c.postForm('/cancel-contracts', { email: 'a@example.com' }, { csrf: null });
    assert.equal(noCsrf.statusCode, 403);
  });
});

// Its own app: the form is limited to 10 submissions a minute per IP.
describe('§ 312k BGB cancellation button: undo from the mailbox', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    await seedTier(t.services, { name: 'Reader', monthly: 400, yearly: null });
    await seedTier(t.services, { name: 'Patron', monthly: 900, yearly: null });
  });
  after(() => t.close());
  const db = () => t.services.database.db;

  test("a stranger's cancellation is undone from the member's mailbox, once; the confirmation goes to the stored address", async () => {
    const c = new TestClient(t.app);
    const sub = await subscribeAndPay(t, c, { tier: 'reader', email: 'victim@example.com' });
    const stranger = new TestClient(t.app);
    const res = await stranger.postForm('/cancel-contracts', { email: 'VICTIM@example.com', kind: 'ordinary' });
    assert.equal(res.statusCode, 200);
    assert.doesNotMatch(mainOf(res.body), /Reader|ends on/, 'the page shows nothing of the contracts');
    // The request stores the declaration; its effect follows at once, in the worker.
    const waiting = await db().selectFrom('jobs').select('kind').where('kind', '=', 'membership.cancellation-received');
    assert.equal((await waiting.where('status', '=', 'pending').execute()).length, 1);
    await t.drainJobs();
    assert.equal((await findSubscription(db(), sub.id))!.cancel_at_period_end, 1, 'the declaration takes effect');
    const mails = await db()
      .selectFrom('emails')
      .select(['to_address', 'text'])
      .where('template', '=', 'membership-cancellation-received')
      .where((eb) => eb(eb.fn('lower', ['to_address']), '=', 'victim@example.com'))
      .execute();
    assert.deepEqual(
      mails.map((m) => m.to_address),
      ['victim@example.com'],
      'sent to the stored address, not as typed',
    );
    const url = /https?:\/\/\S+\/cancel-contracts\/keep\/[A-Za-z0-9_-]+/.exec(mails[0]!.text)?.[0];
    assert.ok(url, 'the confirmation carries the keep link');
    const path = new URL(url).pathname;

    // Opening the link (a mail scanner does) changes nothing.
    const member = new TestClient(t.app);
    const page = await member.get(path);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Keep my subscription/);
    assert.equal((await findSubscription(db(), sub.id))!.cancel_at_period_end, 1);

    const kept = await member.postForm(path, {});
    assert.equal(kept.statusCode, 200);
    assert.match(kept.body, /Your subscription Reader continues/);
    const after = (await findSubscription(db(), sub.id))!;
    assert.equal(after.cancel_at_period_end, 0);
    assert.equal(after.status, 'active');

    // A second click is harmless: it acts no more and says where things stand.
    const again = await member.postForm(path, {}, { formPage: '/cancel-contracts' });
    assert.equal(again.statusCode, 200);
    assert.match(again.body, /continues/);
    // A new cancellation later: the used link cannot undo that one.
    await stranger.postForm('/cancel-contracts', { email: 'victim@example.com', kind: 'ordinary' });
    await t.drainJobs();
    assert.equal((await findSubscription(db(), sub.id))!.cancel_at_period_end, 1);
    const replay = await member.postForm(path, {}, { formPage: '/cancel-contracts' });
    assert.equal((await findSubscription(db(), sub.id))!.cancel_at_period_end, 1, 'a used link acts once');
    assert.doesNotMatch(replay.body, /Keep my subscription/);

    // At the period end the new cancellation takes effect.
    await moveToPeriodEnd(t.services, sub.id);
    await t.drainJobs();
    assert.equal(
      (await findSubscription(db(), sub.id))!.status,
      'expired',
      'the second, unrevoked cancellation ends it',
    );
  });

  test('a changed or expired keep link is refused with a clear page and keeps nothing', async () => {
    const c = new TestClient(t.app);
    const sub = await subscribeAndPay(t, c, { tier: 'patron', email: 'expired@example.com' });
    await new TestClient(t.app).postForm('/cancel-contracts', { email: 'expired@example.com', kind: 'ordinary' });
    await t.drainJobs();
    // A rerun of the job (after a crash) adds nothing: the same link, one email.
    const request = await db()
      .selectFrom('cancellation_requests')
      .select('id')
      .where('email', '=', 'expired@example.com')
      .executeTakeFirstOrThrow();
    await applyCancellation(t.services, request.id);
    const tokens = await db().selectFrom('member_tokens').select('id').where('subject_id', '=', sub.id).execute();
    assert.equal(tokens.length, 1);
    const sent = await db().selectFrom('emails').select('id').where('to_address', '=', 'expired@example.com');
    assert.equal((await sent.where('template', '=', 'membership-cancellation-received').execute()).length, 1);
    const mail = await db()
      .selectFrom('emails')
      .select('text')
      .where('template', '=', 'membership-cancellation-received')
      .where('to_address', '=', 'expired@example.com')
      .executeTakeFirstOrThrow();
    const path = new URL(/https?:\/\/\S+\/cancel-contracts\/keep\/[A-Za-z0-9_-]+/.exec(mail.text)![0]).pathname;
    const changed = `${path.slice(0, -2)}${path.endsWith('AA') ? 'BB' : 'AA'}`;
    const member = new TestClient(t.app);
    for (const bad of [changed, '/cancel-contracts/keep/x']) {
      const page = await member.get(bad);
      assert.equal(page.statusCode, 400);
      assert.match(page.body, /This link cannot be used/);
      assert.equal((await member.postForm(bad, {}, { formPage: '/cancel-contracts' })).statusCode, 400);
    }
    await db()
      .updateTable('member_tokens')
      .set({ expires_at: '2000-01-01T00:00:00.000Z' })
      .where('purpose', '=', 'keep')
      .execute();
    const expired = await member.get(path);
    assert.equal(expired.statusCode, 400);
    assert.match(expired.body, /has expired/);
    assert.equal((await member.postForm(path, {}, { formPage: '/cancel-contracts' })).statusCode, 400);
    assert.equal((await findSubscription(db(), sub.id))!.cancel_at_period_end, 1, 'still canceled');
  });
});

describe('§ 312k BGB cancellation button: the confirmation through a real SMTP server', () => {
  let smtp: SmtpReceiver;
  let t: TestApp;
  before(async () => {
    smtp = await startSmtpReceiver();
    t = await buildTestApp({ mailer: smtpMailer(`smtp://127.0.0.1:${smtp.port}?tls=off`) });
    await setUpStore(t.services);
    await seedTier(t.services, { name: 'Reader', monthly: 400, yearly: null });
  });
  after(async () => {
    await t.close();
    await smtp.close();
  });

  test("arrives at the member's stored address with the keep link, which keeps the subscription", async () => {
    const sub = await subscribeAndPay(t, new TestClient(t.app), { tier: 'reader', email: 'smtp-member@example.com' });
    await t.drainJobs();
    smtp.messages.length = 0;
    await new TestClient(t.app).postForm('/cancel-contracts', { email: ' SMTP-Member@Example.com ', kind: 'ordinary' });
    await t.drainJobs();
    assert.deepEqual(
      smtp.messages.map((m) => m.to),
      [['smtp-member@example.com']],
    );
    const mail = parseMessage(smtp.messages[0]!.raw);
    const text = mail.parts.find((p) => p.headers.get('content-type')?.startsWith('text/plain'))?.body ?? '';
    assert.match(text, /Your subscription Reader ends on/);
    const url = new URL(/https?:\/\/\S+\/cancel-contracts\/keep\/[A-Za-z0-9_-]+/.exec(text)?.[0] ?? '');
    const kept = await new TestClient(t.app).postForm(url.pathname, {});
    assert.equal(kept.statusCode, 200);
    assert.equal((await findSubscription(t.services.database.db, sub.id))!.cancel_at_period_end, 0);
  });
});
