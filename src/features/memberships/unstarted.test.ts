import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { loadMemberAccess } from './access.js';
import { loadPortal } from './load-portal.js';
import { findSubscription } from './subscriptions.js';
import { seedTier, signInLibrary } from './testing.js';

/** A subscription whose first order is never paid ends instead of waiting for ever. */
describe('a subscription whose first order expires or is declined', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    await seedTier(t.services, { name: 'Reader', monthly: 400, yearly: null });
  });
  after(() => t.close());

  const db = () => t.services.database.db;

  /** Subscribes without paying; returns the subscription, its first order and the pay page. */
  async function subscribeOnly(c: TestClient, email: string) {
    const res = await c.postForm(
      '/membership/subscribe',
      { tier: 'reader', interval: 'month', email, name: 'Una', consent: '1' },
      { formPage: '/membership/subscribe?tier=reader&interval=month' },
    );
    assert.equal(res.statusCode, 303);
    const row = await db()
      .selectFrom('subscriptions')
      .innerJoin('members', 'members.id', 'subscriptions.member_id')
      .innerJoin('subscription_payments', 'subscription_payments.subscription_id', 'subscriptions.id')
      .select(['subscriptions.id', 'subscription_payments.order_id'])
      .where('members.email', '=', email)
      .executeTakeFirstOrThrow();
    return { subId: row.id, orderId: row.order_id!, payUrl: String(res.headers.location) };
  }

  const payment = (subId: string) =>
    db()
      .selectFrom('subscription_payments')
      .select(['status', 'failure_reason'])
      .where('subscription_id', '=', subId)
      .executeTakeFirstOrThrow();

  test('the expiry job ends it (expired, ended_at) once; the portal shows no membership; a late payment starts it', async () => {
    const c = new TestClient(t.app);
    const { subId, orderId, payUrl } = await subscribeOnly(c, 'late@example.com');
    assert.equal((await findSubscription(db(), subId))!.status, 'incomplete');
    // The order's expiry time comes.
    await db()
      .updateTable('jobs')
      .set({ run_at: new Date(Date.now() - 1000).toISOString() })
      .where('unique_key', '=', `expire:${orderId}`)
      .execute();
    await t.drainJobs();
    const ended = (await findSubscription(db(), subId))!;
    assert.equal(ended.status, 'expired');
    assert.ok(ended.ended_at);
    assert.equal(ended.current_period_start, null);
    assert.deepEqual(await payment(subId), { status: 'failed', failure_reason: 'expired' });

    // Again (a job retried): nothing moves.
    await db()
      .transaction()
      .execute(async (trx) => {
        const order = await trx.selectFrom('orders').selectAll().where('id', '=', orderId).executeTakeFirstOrThrow();
        assert.equal(await t.services.orders.expire(trx, order), false);
      });
    assert.equal((await findSubscription(db(), subId))!.ended_at, ended.ended_at);

    // The portal lists nothing for it (no status, no billing row to manage).
    assert.deepEqual((await loadPortal(db(), 'late@example.com')).subscriptions, []);

    // The payment arrives after all: the order is paid and the membership starts.
    const paid = await c.postForm(payUrl, { outcome: 'pay' }, { formPage: payUrl });
    assert.equal(paid.statusCode, 303);
    await t.drainJobs();
    const started = (await findSubscription(db(), subId))!;
    assert.equal(started.status, 'active');
    assert.equal(started.ended_at, null);
    assert.equal((await payment(subId)).status, 'paid');
    assert.ok((await loadMemberAccess(db(), 'late@example.com', new Date())).paidTierIds.has(started.tier_id));
    await signInLibrary(t, c, 'late@example.com');
    const portal = await c.get('/library/membership');
    assert.equal(portal.statusCode, 200);
    assert.match(portal.body, /Renews on/);
  });

  test('a declined first payment ends it; subscribing again is possible', async () => {
    const c = new TestClient(t.app);
    const { subId, payUrl } = await subscribeOnly(c, 'declined@example.com');
    const res = await c.postForm(payUrl, { outcome: 'decline' }, { formPage: payUrl });
    assert.equal(res.statusCode, 303);
    await t.drainJobs();
    const ended = (await findSubscription(db(), subId))!;
    assert.equal(ended.status, 'expired');
    assert.ok(ended.ended_at);
    assert.equal((await payment(subId)).status, 'failed');
    const again = await subscribeOnly(new TestClient(t.app), 'declined@example.com').catch(() => undefined);
    assert.ok(again, 'a new subscription can be started');
  });
});
