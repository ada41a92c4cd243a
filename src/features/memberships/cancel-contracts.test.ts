import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { loadMemberAccess } from './access.js';
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
