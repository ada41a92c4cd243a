import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { receivePaymentNotification } from '../payments/receive-notification.js';
import { signTestNotification, TEST_SIGNATURE_HEADER, testWebhookSecret } from '../payments/test-provider.js';
import { saveTaxSettings } from '../tax/tax-settings.js';
import { testTaxSettings } from '../tax/testing.js';
import { loadMemberAccess } from './access.js';
import { renewSubscription } from './renew-subscription.js';
import { findSubscription } from './subscriptions.js';
import { setTestRenewals } from './test-card.js';
import { countPayments, moveToPeriodEnd, seedTier, subscribeAndPay } from './testing.js';

describe('subscriptions with the test provider', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    await saveTaxSettings(t.services.database.db, testTaxSettings());
    await seedTier(t.services, { name: 'Supporter', monthly: 500, yearly: 5000 });
    await seedTier(t.services, { name: 'Monthly', monthly: 300, yearly: null });
  });
  after(() => t.close());

  const db = () => t.services.database.db;
  const paidOrders = async (subId: string) =>
    db()
      .selectFrom('subscription_payments')
      .innerJoin('orders', 'orders.id', 'subscription_payments.order_id')
      .select(['orders.id', 'orders.status', 'orders.total_minor', 'subscription_payments.period_start'])
      .where('subscription_payments.subscription_id', '=', subId)
      .where('orders.status', '=', 'paid')
      .execute();

  test('subscribe → pay → active with one paid order, invoice, receipt; renewal charges the next period once', async () => {
    const c = new TestClient(t.app);
    const form = await c.get('/membership/subscribe?tier=supporter&interval=year');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Subscribe with obligation to pay/);
    assert.match(form.body, /50\.00 per year|€50\.00 per year/);
    const sub = await subscribeAndPay(t, c, { tier: 'supporter', interval: 'year', email: 'Ada@Example.com' });
    assert.equal(sub.status, 'active');
    assert.equal(sub.price_minor, 5000);
    assert.equal(sub.interval, 'year');
    assert.equal(sub.access_until, sub.current_period_end);
    const now = new Date();
    const access = await loadMemberAccess(db(), 'ada@example.com', now);
    assert.ok(access.paidTierIds.has(sub.tier_id));

    const orders = await paidOrders(sub.id);
    assert.equal(orders.length, 1);
    assert.equal(Number(orders[0]!.total_minor), 5000);
    const invoice = await db().selectFrom('invoices').select('id').where('order_id', '=', orders[0]!.id).execute();
    assert.equal(invoice.length, 1, 'the paid period has its invoice');
    const receipt = await db()
      .selectFrom('emails')
      .select('to_address')
      .where('template', '=', 'receipt')
      .where('to_address', '=', 'ada@example.com')
      .execute();
    assert.equal(receipt.length, 1);
    const consent = await db()
      .selectFrom('order_consents')
      .select('kind')
      .where('order_id', '=', orders[0]!.id)
      .executeTakeFirstOrThrow();
    assert.equal(consent.kind, 'membership_start');

    // The period ends: the renewal job charges the next one.
    await moveToPeriodEnd(t.services, sub.id);
    await t.drainJobs();
    const renewed = (await findSubscription(db(), sub.id))!;
    assert.equal(renewed.status, 'active');
    assert.ok(renewed.current_period_end! > new Date().toISOString());
    assert.equal(await countPayments(t.services, sub.id, 'paid'), 2);
    assert.equal((await paidOrders(sub.id)).length, 2);

    // The same renewal delivered again (a job retried after a crash) charges and fulfils nothing more.
    assert.equal(await renewSubscription(t.services, sub.id, 0), 'not-due');
    await t.drainJobs();
    assert.equal((await paidOrders(sub.id)).length, 2);
  });

  test('the first payment notified again (new event ids, a burst) activates once and makes one order', async () => {
    const c = new TestClient(t.app);
    const sub = await subscribeAndPay(t, c, { tier: 'monthly', email: 'twice@example.com' });
    const secret = testWebhookSecret(t.services.config.sessionSecret);
    await Promise.all(
      [1, 2, 3].map((i) => {
        const body = JSON.stringify({
          id: `evt_again_${i}_${sub.id}`,
          type: 'checkout.completed',
          data: { session: sub.checkout_ref },
        });
        return receivePaymentNotification(t.services, 'test', Buffer.from(body), {
          [TEST_SIGNATURE_HEADER]: signTestNotification(secret, body),
        });
      }),
    );
    await t.drainJobs();
    const s = (await findSubscription(db(), sub.id))!;
    assert.equal(s.current_period_end, sub.current_period_end, 'the period did not move');
    assert.equal((await paidOrders(sub.id)).length, 1);
    const renewals = await db()
      .selectFrom('jobs')
      .select('id')
      .where('unique_key', 'like', `renew:${sub.id}:%`)
      .execute();
    assert.equal(renewals.length, 1);
    // The thank-you page of the first period's order: what the membership gives, when it renews, where to read.
    const order = (await paidOrders(sub.id))[0]!;
    const full = await db()
      .selectFrom('orders')
      .select('access_key')
      .where('id', '=', order.id)
      .executeTakeFirstOrThrow();
    const thanks = await c.get(`/checkout/orders/${order.id}?k=${full.access_key}`);
    assert.equal(thanks.statusCode, 200);
    assert.match(thanks.body, /<h1>Your Monthly membership is active<\/h1>/);
    assert.match(thanks.body, /It renews automatically on \d+ \w+ \d{4}, \d\d:\d\d/);
    assert.match(thanks.body, /<li>Weekly letter<\/li>/);
    assert.match(thanks.body, /href="\/posts"/);
    assert.match(thanks.body, /href="\/library\/membership"/);
    assert.doesNotMatch(thanks.body, /downloads are ready|Your downloads/, 'no download box for a membership');
  });

  test('a duplicated renewal run for the same period charges once', async () => {
    const c = new TestClient(t.app);
    const sub = await subscribeAndPay(t, c, { tier: 'monthly', email: 'dup@example.com' });
    await moveToPeriodEnd(t.services, sub.id);
    const [a, b] = await Promise.all([
      renewSubscription(t.services, sub.id, 0),
      renewSubscription(t.services, sub.id, 0),
    ]);
    assert.ok([a, b].includes('renewed'), `${a} ${b}`);
    await t.drainJobs();
    assert.equal((await paidOrders(sub.id)).length, 2);
    const sessions = await db()
      .selectFrom('test_payment_sessions')
      .select('id')
      .where(
        'order_id',
        'in',
        (await paidOrders(sub.id)).map((o) => o.id),
      )
      .execute();
    assert.equal(sessions.length, 2);
  });

  test('a failed renewal → past_due with access kept → retry paid → active again', async () => {
    const c = new TestClient(t.app);
    const sub = await subscribeAndPay(t, c, {
      tier: 'monthly',
      email: 'late@example.com',
      outcome: 'pay-decline-renewals',
    });
    assert.equal(sub.test_renewals, 'decline');
    await moveToPeriodEnd(t.services, sub.id);
    await t.drainJobs();
    let s = (await findSubscription(db(), sub.id))!;
    assert.equal(s.status, 'past_due');
    assert.equal(s.failed_payments, 1);
    assert.ok((await loadMemberAccess(db(), 'late@example.com', new Date())).paidTierIds.has(sub.tier_id));
    const failedMail = await db()
      .selectFrom('emails')
      .select('subject')
      .where('template', '=', 'membership-payment-failed')
      .where('to_address', '=', 'late@example.com')
      .execute();
    assert.equal(failedMail.length, 1);

    // The card works again; the retry a day later is paid.
    await setTestRenewals(db(), sub.id, 'pay');
    await shiftRetry(sub.id);
    await t.drainJobs();
    s = (await findSubscription(db(), sub.id))!;
    assert.equal(s.status, 'active');
    assert.equal(s.failed_payments, 0);
    assert.equal(await countPayments(t.services, sub.id, 'paid'), 2);
  });

  test('renewals that keep failing end the subscription after the last retry', async () => {
    const c = new TestClient(t.app);
    const sub = await subscribeAndPay(t, c, {
      tier: 'monthly',
      email: 'broke@example.com',
      outcome: 'pay-decline-renewals',
    });
    await moveToPeriodEnd(t.services, sub.id);
    await t.drainJobs();
    for (let i = 0; i < 3; i++) {
      await shiftRetry(sub.id);
      await t.drainJobs();
    }
    const s = (await findSubscription(db(), sub.id))!;
    assert.equal(s.status, 'expired');
    assert.equal(s.failed_payments, 4);
    assert.equal((await loadMemberAccess(db(), 'broke@example.com', new Date())).paidTierIds.size, 0);
    assert.equal(await countPayments(t.services, sub.id, 'paid'), 1);
    const ended = await db()
      .selectFrom('emails')
      .select('id')
      .where('template', '=', 'membership-ended')
      .where('to_address', '=', 'broke@example.com')
      .execute();
    assert.equal(ended.length, 1);
  });

  test('bad input: unknown tier, interval not offered, malformed email, no consent, no CSRF — never a 500', async () => {
    const c = new TestClient(t.app);
    const formPage = '/membership/subscribe?tier=supporter&interval=month';
    const post = (fields: Record<string, string>) => c.postForm('/membership/subscribe', fields, { formPage });
    const unknown = await post({ tier: 'gold', interval: 'month', email: 'a@example.com', consent: '1' });
    assert.equal(unknown.statusCode, 400);
    assert.match(unknown.body, /cannot be chosen/);
    const interval = await post({ tier: 'monthly', interval: 'year', email: 'a@example.com', consent: '1' });
    assert.equal(interval.statusCode, 400);
    const odd = await post({ tier: 'monthly', interval: 'week', email: 'a@example.com', consent: '1' });
    assert.equal(odd.statusCode, 400);
    const email = await post({ tier: 'supporter', interval: 'month', email: 'not-an-email', consent: '1' });
    assert.equal(email.statusCode, 400);
    assert.match(email.body, /valid email address/);
    const consent = await post({ tier: 'supporter', interval: 'month', email: 'a@example.com' });
    assert.equal(consent.statusCode, 400);
    assert.match(consent.body, /start immediately/);
    const csrf = await c.postForm(
      '/membership/subscribe',
      { tier: 'supporter', interval: 'month', email: 'a@example.com', consent: '1' },
      { csrf: null },
    );
    assert.equal(csrf.statusCode, 403);
    assert.equal((await c.get('/membership/subscribe?tier=gold&interval=month')).statusCode, 404);
    assert.equal((await c.get('/membership/subscribe?tier=monthly&interval=year')).statusCode, 404);
    // The client cannot set the price: it is the tier's.
    const priced = await post({
      tier: 'monthly',
      interval: 'month',
      email: 'cheap@example.com',
      consent: '1',
      price: '1',
      amount: '0.01',
    });
    assert.equal(priced.statusCode, 303);
    const s = await db()
      .selectFrom('subscriptions')
      .innerJoin('members', 'members.id', 'subscriptions.member_id')
      .select('subscriptions.price_minor')
      .where('members.email', '=', 'cheap@example.com')
      .executeTakeFirstOrThrow();
    assert.equal(Number(s.price_minor), 300);
    const none = await db().selectFrom('subscriptions').select('id').where('status', '=', 'active').execute();
    assert.ok(none.length >= 1);
  });

  /** Moves the pending retry of a past-due subscription to now. */
  async function shiftRetry(subId: string) {
    const jobs = await db()
      .selectFrom('jobs')
      .select('id')
      .where('status', '=', 'pending')
      .where('unique_key', 'like', `renew:${subId}:%`)
      .execute();
    for (const j of jobs) {
      await db()
        .updateTable('jobs')
        .set({ run_at: new Date(Date.now() - 1000).toISOString() })
        .where('id', '=', j.id)
        .execute();
    }
  }
});
