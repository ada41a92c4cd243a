import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestClient } from '../../testing/app.js';
import { scheduleReconciliation } from '../payments/reconcile-payments.job.js';
import { stripeEvent } from '../payments/stripe/stand-in/state.js';
import { buildStripeTestApp, runJobsNow, type StripeTestApp, sendWebhook } from '../payments/stripe/testing.js';
import { loadMemberAccess } from './access.js';
import { cancelAtPeriodEnd, resumeSubscription } from './cancel-subscription.js';
import { findSubscription } from './subscriptions.js';
import { seedTier } from './testing.js';

describe('Stripe Billing: subscription checkout and webhooks, converging (real SDK against the stand-in)', () => {
  let t: StripeTestApp;
  before(async () => {
    t = await buildStripeTestApp();
    await seedTier(t.services, { name: 'Patron', monthly: 800, yearly: 8000 });
  });
  after(() => t.close());

  const db = () => t.services.database.db;

  async function subscribe(email: string, interval: 'month' | 'year' = 'month') {
    const c = new TestClient(t.app);
    const res = await c.postForm(
      '/membership/subscribe',
      { tier: 'patron', interval, email, name: 'Pat', consent: '1' },
      { formPage: `/membership/subscribe?tier=patron&interval=${interval}` },
    );
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    const sub = await db()
      .selectFrom('subscriptions')
      .innerJoin('members', 'members.id', 'subscriptions.member_id')
      .select(['subscriptions.id', 'subscriptions.checkout_ref'])
      .where('members.email', '=', email)
      .executeTakeFirstOrThrow();
    return { res, subId: sub.id, sessionId: sub.checkout_ref! };
  }

  const paidOrders = (subId: string) =>
    db()
      .selectFrom('subscription_payments')
      .innerJoin('orders', 'orders.id', 'subscription_payments.order_id')
      .select(['orders.id', 'orders.total_minor', 'subscription_payments.provider_ref'])
      .where('subscription_payments.subscription_id', '=', subId)
      .where('orders.status', '=', 'paid')
      .execute();

  test('the session is in subscription mode, priced by the server, keyed by our subscription', async () => {
    const { res, subId, sessionId } = await subscribe('stripe1@example.com', 'year');
    assert.equal(res.headers.location, `https://checkout.stripe.com/c/pay/${sessionId}`);
    const [created] = t.stripe.requestsTo('POST', '/v1/checkout/sessions').slice(-1);
    assert.ok(created);
    assert.equal(created.idempotencyKey, `subscription-checkout:${subId}`);
    assert.equal(created.body.mode, 'subscription');
    assert.deepEqual(created.body.line_items, [
      {
        quantity: '1',
        price_data: {
          currency: 'eur',
          unit_amount: '8000',
          recurring: { interval: 'year' },
          product_data: { name: 'Patron' },
        },
      },
    ]);
    assert.deepEqual(created.body.subscription_data, { metadata: { subscription_id: subId } });
    const sub = (await findSubscription(db(), subId))!;
    assert.equal(sub.status, 'incomplete');
    assert.equal(sub.provider, 'stripe');
  });

  test('paid → active with one order per paid invoice; duplicated and reordered events change nothing', async () => {
    const { subId, sessionId } = await subscribe('stripe2@example.com');
    const { subscription, invoice } = t.stripe.billing.paySubscriptionSession(t.stripe.state.session(sessionId));
    // Arrival order does not matter: the invoice first, then the subscription, then the session, then all again.
    const events = [
      stripeEvent('invoice.paid', invoice),
      stripeEvent('customer.subscription.created', subscription),
      stripeEvent('checkout.session.completed', t.stripe.state.session(sessionId)),
    ];
    for (const e of [...events, ...events]) assert.equal((await sendWebhook(t, e)).statusCode, 200);
    await Promise.all(
      [1, 2, 3].map((i) => sendWebhook(t, stripeEvent('invoice.paid', invoice, `evt_burst_${i}_${subId}`))),
    );
    await t.drainJobs();
    const sub = (await findSubscription(db(), subId))!;
    assert.equal(sub.status, 'active');
    assert.equal(sub.provider_ref, subscription.id);
    assert.ok(sub.current_period_end! > new Date().toISOString());
    assert.equal(sub.access_until, sub.current_period_end);
    assert.ok((await loadMemberAccess(db(), 'stripe2@example.com', new Date())).paidTierIds.has(sub.tier_id));
    const orders = await paidOrders(subId);
    assert.equal(orders.length, 1);
    assert.equal(Number(orders[0]!.total_minor), 800);
    assert.equal(orders[0]!.provider_ref, invoice.id);
    const receipts = await db()
      .selectFrom('emails')
      .select('id')
      .where('template', '=', 'receipt')
      .where('to_address', '=', 'stripe2@example.com')
      .execute();
    assert.equal(receipts.length, 1);

    // Renewal at Stripe: invoice.paid → a second order; delivered twice → still two.
    const renewal = t.stripe.billing.renew(subscription.id);
    const paidEvent = stripeEvent('invoice.paid', renewal.invoice);
    await sendWebhook(t, paidEvent);
    await sendWebhook(t, stripeEvent('invoice.paid', renewal.invoice));
    await t.drainJobs();
    assert.equal((await paidOrders(subId)).length, 2);

    // A failed renewal: past due with access kept; Stripe gives up: ended, no access.
    const failed = t.stripe.billing.renew(subscription.id, { fail: true });
    await sendWebhook(t, stripeEvent('invoice.payment_failed', failed.invoice));
    await t.drainJobs();
    let s = (await findSubscription(db(), subId))!;
    assert.equal(s.status, 'past_due');
    assert.ok(s.access_until! < s.current_period_end!, 'grace from the unpaid period’s start, not a free period');
    assert.ok((await loadMemberAccess(db(), 'stripe2@example.com', new Date())).paidTierIds.has(s.tier_id));
    const ended = t.stripe.billing.end(subscription.id);
    await sendWebhook(t, stripeEvent('customer.subscription.deleted', ended));
    await t.drainJobs();
    s = (await findSubscription(db(), subId))!;
    assert.equal(s.status, 'expired');
    assert.equal((await loadMemberAccess(db(), 'stripe2@example.com', new Date())).paidTierIds.size, 0);
    // A late, older snapshot does not bring it back.
    await sendWebhook(t, stripeEvent('invoice.paid', renewal.invoice, `evt_late_${subId}`));
    await t.drainJobs();
    assert.equal((await findSubscription(db(), subId))!.status, 'expired');
    assert.equal((await paidOrders(subId)).length, 2);
  });

  test('cancel at period end and resume go to Stripe and converge back', async () => {
    const { subId, sessionId } = await subscribe('stripe3@example.com');
    const { subscription, invoice } = t.stripe.billing.paySubscriptionSession(t.stripe.state.session(sessionId));
    await sendWebhook(t, stripeEvent('invoice.paid', invoice));
    await t.drainJobs();
    assert.equal(await cancelAtPeriodEnd(t.services, subId, { source: 'test' }), 'done');
    const [update] = t.stripe.requestsTo('POST', `/v1/subscriptions/${subscription.id}`);
    assert.ok(update);
    assert.equal(update.body.cancel_at_period_end, 'true');
    assert.ok(update.idempotencyKey?.startsWith(`cancel:${subId}:`));
    let s = (await findSubscription(db(), subId))!;
    assert.equal(s.cancel_at_period_end, 1);
    assert.equal(s.status, 'active');
    assert.equal(await cancelAtPeriodEnd(t.services, subId, { source: 'test' }), 'not-applicable');
    assert.equal(await resumeSubscription(t.services, subId), 'done');
    s = (await findSubscription(db(), subId))!;
    assert.equal(s.cancel_at_period_end, 0);
    // The § 312k button works for Stripe subscriptions too.
    const res = await new TestClient(t.app).postForm(
      '/cancel-contracts',
      { email: 'stripe3@example.com', kind: 'ordinary' },
      { formPage: '/cancel-contracts' },
    );
    assert.equal(res.statusCode, 200);
    await runJobsNow(t, ['membership.cancellation-received']);
    assert.equal((await findSubscription(db(), subId))!.cancel_at_period_end, 1);
  });

  test('a lost webhook loses nothing: reconciliation finds the checkout, then a renewal nobody told us of', async () => {
    const { subId, sessionId } = await subscribe('lost@example.com');
    const { subscription } = t.stripe.billing.paySubscriptionSession(t.stripe.state.session(sessionId));
    const every = t.services.config.reconcileAfterMinutes;
    const aged = new Date(Date.now() - (every + 1) * 60_000).toISOString();
    await db().updateTable('subscriptions').set({ created_at: aged }).where('id', '=', subId).execute();
    await scheduleReconciliation(db(), every);
    await runJobsNow(t, ['payments.reconcile', 'membership.sync-stripe']);
    let s = (await findSubscription(db(), subId))!;
    assert.equal(s.status, 'active');
    assert.equal(s.provider_ref, subscription.id);
    assert.equal((await paidOrders(subId)).length, 1);

    // Stripe renewed; the webhook never came. Once the known period is over, the next run converges.
    t.stripe.billing.renew(subscription.id);
    await db().updateTable('subscriptions').set({ current_period_end: aged }).where('id', '=', subId).execute();
    await db().deleteFrom('jobs').where('kind', '=', 'payments.reconcile').execute();
    await scheduleReconciliation(db(), every, new Date(Date.now() + every * 60_000));
    await runJobsNow(t, ['payments.reconcile', 'membership.sync-stripe']);
    s = (await findSubscription(db(), subId))!;
    assert.ok(s.current_period_end! > new Date().toISOString());
    assert.equal((await paidOrders(subId)).length, 2);
  });

  test('events about subscriptions that are not ours are acknowledged and change nothing', async () => {
    const foreign = {
      id: 'sub_foreign',
      object: 'subscription',
      status: 'active',
      metadata: {},
    };
    const res = await sendWebhook(t, stripeEvent('customer.subscription.updated', foreign));
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { received: true, duplicate: false, ignored: true });
    const forged = await sendWebhook(t, stripeEvent('customer.subscription.updated', foreign), {
      secret: 'whsec_wrong',
    });
    assert.equal(forged.statusCode, 400);
    assert.equal(forged.headers['content-type'], 'application/problem+json; charset=utf-8');
  });
});
