import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { formatDateTime } from '../../web/i18n.js';
import { DEFAULT_TIME_ZONE } from '../analytics/time-zone.js';
import { loadMemberAccess } from './access.js';
import { findSubscription } from './subscriptions.js';
import { latestLinkTo, moveToPeriodEnd, seedTier, signInLibrary, subscribeAndPay } from './testing.js';

describe('member portal in the library', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    await seedTier(t.services, { name: 'Reader', monthly: 400, yearly: 4000 });
    await seedTier(t.services, { name: 'Patron', monthly: 1000, yearly: null });
  });
  after(() => t.close());
  const db = () => t.services.database.db;
  const templatesTo = async (email: string) =>
    (await db().selectFrom('emails').select('template').where('to_address', '=', email).execute()).map(
      (e) => e.template,
    );

  test('cancel in two steps: confirm page → emailed single-use link → canceled at period end, access until then', async () => {
    const c = new TestClient(t.app);
    const sub = await subscribeAndPay(t, c, { tier: 'reader', email: 'cancel@example.com' });
    await signInLibrary(t, c, 'cancel@example.com');
    const portal = await c.get('/library/membership');
    assert.equal(portal.statusCode, 200);
    assert.match(portal.body, /Reader/);
    assert.match(portal.body, /Renews on/);
    assert.match(portal.body, /Billing history/);
    assert.match(portal.body, /Newsletter: subscribed\./);
    assert.match(portal.body, new RegExp(`href="/unsubscribe/${sub.member_id}\\?s=`));
    const order = await db()
      .selectFrom('subscription_payments')
      .select('order_id')
      .where('subscription_id', '=', sub.id)
      .executeTakeFirstOrThrow();
    assert.match(portal.body, new RegExp(`/library/orders/${order.order_id}`));
    assert.equal((await c.get(`/library/orders/${order.order_id}`)).statusCode, 200);

    const confirm = await c.get(`/library/membership/${sub.id}/cancel`);
    assert.equal(confirm.statusCode, 200);
    const sent = await c.postForm(
      `/library/membership/${sub.id}/cancel`,
      {},
      { formPage: `/library/membership/${sub.id}/cancel` },
    );
    assert.equal(sent.statusCode, 303);
    assert.equal((await findSubscription(db(), sub.id))!.cancel_at_period_end, 0, 'nothing canceled before the link');
    await t.drainJobs();
    const link = await latestLinkTo(t, 'cancel@example.com', '/library/membership/cancel/');
    // Opening the link (as a mail scanner does) changes nothing.
    const page = await new TestClient(t.app).get(link);
    assert.equal(page.statusCode, 200);
    assert.equal((await findSubscription(db(), sub.id))!.cancel_at_period_end, 0);
    const done = await c.postForm(link, {}, { formPage: link });
    assert.equal(done.statusCode, 200);
    assert.match(done.body, /Your membership is canceled/);
    const canceled = (await findSubscription(db(), sub.id))!;
    assert.equal(canceled.cancel_at_period_end, 1);
    assert.equal(canceled.status, 'active');
    // The confirmation page names the day access ends, on the store's clock, as the email does.
    const endsAt = formatDateTime(canceled.current_period_end!, 'en', DEFAULT_TIME_ZONE, { zone: true });
    assert.ok(done.body.includes(`You keep access until ${endsAt}.`), `the end date ${endsAt} is shown`);
    await t.drainJobs();
    assert.ok((await templatesTo('cancel@example.com')).includes('membership-canceled'));
    // Single use.
    const again = await c.postForm(link, {}, { formPage: '/library/membership' });
    assert.equal(again.statusCode, 410);
    assert.ok((await loadMemberAccess(db(), 'cancel@example.com', new Date())).paidTierIds.has(sub.tier_id));

    // The period ends: expired, no charge, no access.
    await moveToPeriodEnd(t.services, sub.id);
    await t.drainJobs();
    const ended = (await findSubscription(db(), sub.id))!;
    assert.equal(ended.status, 'expired');
    assert.equal((await loadMemberAccess(db(), 'cancel@example.com', new Date())).paidTierIds.size, 0);
    const paid = await db()
      .selectFrom('subscription_payments')
      .select('id')
      .where('subscription_id', '=', sub.id)
      .where('status', '=', 'paid')
      .execute();
    assert.equal(paid.length, 1);
    assert.ok((await templatesTo('cancel@example.com')).includes('membership-ended'));
  });

  test('resume before the period end; a tier change applies at the next renewal with the new price', async () => {
    const c = new TestClient(t.app);
    const sub = await subscribeAndPay(t, c, { tier: 'reader', email: 'resume@example.com' });
    await signInLibrary(t, c, 'resume@example.com');
    await c.postForm(`/library/membership/${sub.id}/cancel`, {}, { formPage: `/library/membership/${sub.id}/cancel` });
    await t.drainJobs();
    const link = await latestLinkTo(t, 'resume@example.com', '/library/membership/cancel/');
    await c.postForm(link, {}, { formPage: link });
    const resumed = await c.postForm(`/library/membership/${sub.id}/resume`, {}, { formPage: '/library/membership' });
    assert.equal(resumed.statusCode, 303);
    assert.match(resumed.headers.location as string, /notice=resumed/);
    assert.equal((await findSubscription(db(), sub.id))!.cancel_at_period_end, 0);

    const change = await c.postForm(
      `/library/membership/${sub.id}/change`,
      { plan: 'patron:month' },
      { formPage: '/library/membership' },
    );
    assert.match(change.headers.location as string, /notice=changed/);
    const bad = await c.postForm(
      `/library/membership/${sub.id}/change`,
      { plan: 'patron:year' },
      { formPage: '/library/membership' },
    );
    assert.match(bad.headers.location as string, /error=plan/);
    const nonsense = await c.postForm(
      `/library/membership/${sub.id}/change`,
      { plan: '::' },
      { formPage: '/library/membership' },
    );
    assert.match(nonsense.headers.location as string, /error=plan/);
    assert.match((await c.get('/library/membership')).body, /From the next renewal: Patron/);

    await moveToPeriodEnd(t.services, sub.id);
    await t.drainJobs();
    const renewed = (await findSubscription(db(), sub.id))!;
    assert.equal(renewed.status, 'active');
    assert.equal(renewed.price_minor, 1000);
    assert.equal(renewed.pending_tier_id, null);
    const patron = await db()
      .selectFrom('membership_tiers')
      .select('id')
      .where('slug', '=', 'patron')
      .executeTakeFirstOrThrow();
    assert.equal(renewed.tier_id, patron.id);
  });

  test('another member cannot see, cancel, resume or change a subscription that is not theirs', async () => {
    const owner = new TestClient(t.app);
    const sub = await subscribeAndPay(t, owner, { tier: 'reader', email: 'owner-sub@example.com' });
    const other = new TestClient(t.app);
    await subscribeAndPay(t, other, { tier: 'reader', email: 'someone-else@example.com' });
    await signInLibrary(t, other, 'someone-else@example.com');
    assert.doesNotMatch((await other.get('/library/membership')).body, /owner-sub/);
    assert.equal((await other.get(`/library/membership/${sub.id}/cancel`)).statusCode, 404);
    for (const action of ['cancel', 'resume', 'change']) {
      const res = await other.postForm(
        `/library/membership/${sub.id}/${action}`,
        { plan: 'patron:month' },
        { formPage: '/library/membership' },
      );
      assert.equal(res.statusCode, 404, action);
    }
    const anonymous = await new TestClient(t.app).get('/library/membership');
    assert.equal(anonymous.statusCode, 303);
    const noCsrf = await other.postForm(`/library/membership/${sub.id}/cancel`, {}, { csrf: null });
    assert.equal(noCsrf.statusCode, 403);
    assert.equal((await new TestClient(t.app).get('/library/membership/cancel/not-a-token')).statusCode, 410);
    const s = (await findSubscription(db(), sub.id))!;
    assert.equal(s.cancel_at_period_end, 0);
    assert.equal(s.pending_tier_id, null);
  });
});
