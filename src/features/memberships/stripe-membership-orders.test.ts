import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestClient } from '../../testing/app.js';
import { refundOrder } from '../payments/refund-order.js';
import { stripeEvent } from '../payments/stripe/stand-in/state.js';
import { buildStripeTestApp, type StripeTestApp, sendWebhook } from '../payments/stripe/testing.js';
import { saveTaxSettings } from '../tax/tax-settings.js';
import { testTaxSettings } from '../tax/testing.js';
import { enqueueSubscriptionReconciliation } from './reconcile-subscriptions.js';
import { findSubscription } from './subscriptions.js';
import { seedTier } from './testing.js';

/** Orders made from Stripe invoices: their VAT decided per invoice, and refunds through the invoice's payment. */
describe('Stripe membership orders: VAT per invoice and refunds (real SDK against the stand-in)', () => {
  let t: StripeTestApp;
  before(async () => {
    t = await buildStripeTestApp();
    await saveTaxSettings(t.services.database.db, testTaxSettings({ ossOptIn: true }));
    await seedTier(t.services, { name: 'Patron', monthly: 1200, yearly: null });
  });
  after(() => t.close());

  const db = () => t.services.database.db;

  async function subscribeAndPayAtStripe(email: string) {
    const c = new TestClient(t.app);
    const res = await c.postForm(
      '/membership/subscribe',
      { tier: 'patron', interval: 'month', email, name: 'Pat', consent: '1', billingCountry: 'AT' },
      { formPage: '/membership/subscribe?tier=patron&interval=month' },
    );
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    const sub = await db()
      .selectFrom('subscriptions')
      .innerJoin('members', 'members.id', 'subscriptions.member_id')
      .select(['subscriptions.id', 'subscriptions.checkout_ref', 'subscriptions.billing_country'])
      .where('members.email', '=', email)
      .executeTakeFirstOrThrow();
    assert.equal(sub.billing_country, 'AT');
    const paid = t.stripe.billing.paySubscriptionSession(t.stripe.state.session(sub.checkout_ref!));
    await sendWebhook(t, stripeEvent('invoice.paid', paid.invoice));
    await t.drainJobs();
    return { subId: sub.id, stripeSub: paid.subscription, firstInvoice: paid.invoice };
  }

  test('a subscription whose Stripe checkout expired unpaid ends when reconciled; an open one waits', async () => {
    const c = new TestClient(t.app);
    const ids: string[] = [];
    for (const email of ['gone@example.com', 'open@example.com']) {
      const res = await c.postForm(
        '/membership/subscribe',
        { tier: 'patron', interval: 'month', email, name: 'G', consent: '1', billingCountry: 'DE' },
        { formPage: '/membership/subscribe?tier=patron&interval=month' },
      );
      assert.equal(res.statusCode, 303);
      const row = await db()
        .selectFrom('subscriptions')
        .innerJoin('members', 'members.id', 'subscriptions.member_id')
        .select(['subscriptions.id', 'subscriptions.checkout_ref'])
        .where('members.email', '=', email)
        .executeTakeFirstOrThrow();
      ids.push(row.id);
      if (email.startsWith('gone')) t.stripe.state.session(row.checkout_ref!).status = 'expired';
    }
    await db()
      .updateTable('subscriptions')
      .set({ created_at: new Date(Date.now() - 25 * 3600_000).toISOString() })
      .where('id', 'in', ids)
      .execute();
    assert.ok((await enqueueSubscriptionReconciliation(db(), 30, 'slot-a')) >= 2);
    await t.drainJobs();
    const [gone, open] = await Promise.all(ids.map((id) => findSubscription(db(), id)));
    assert.equal(gone!.status, 'expired');
    assert.ok(gone!.ended_at);
    assert.equal(open!.status, 'incomplete');
    // Reconciled again: nothing moves.
    await enqueueSubscriptionReconciliation(db(), 30, 'slot-b');
    await t.drainJobs();
    assert.equal((await findSubscription(db(), ids[0]!))!.ended_at, gone!.ended_at);
  });

  const orderOf = (invoiceId: string) =>
    db().selectFrom('orders').selectAll().where('provider_ref', '=', invoiceId).executeTakeFirstOrThrow();

  test('an Austrian subscriber: the first and the renewal invoice’s orders carry Austrian VAT', async () => {
    const { stripeSub, firstInvoice } = await subscribeAndPayAtStripe('at@example.com');
    const renewal = t.stripe.billing.renew(stripeSub.id);
    await sendWebhook(t, stripeEvent('invoice.paid', renewal.invoice));
    await t.drainJobs();
    for (const inv of [firstInvoice, renewal.invoice]) {
      const o = await orderOf(inv.id);
      assert.deepEqual(
        [o.status, Number(o.total_minor), Number(o.tax_minor), o.tax_country, o.tax_rate_bp],
        ['paid', 1200, 200, 'AT', 2000],
      );
    }
  });

  test('refunding an order paid by a Stripe invoice refunds that invoice’s payment, once', async () => {
    const { stripeSub, firstInvoice } = await subscribeAndPayAtStripe('refund@example.com');
    const renewal = t.stripe.billing.renew(stripeSub.id);
    await sendWebhook(t, stripeEvent('invoice.paid', renewal.invoice));
    await t.drainJobs();
    const order = await orderOf(renewal.invoice.id);
    const pi = (t.stripe.billing.invoicePayments.get(renewal.invoice.id)!.payment as { payment_intent: string })
      .payment_intent;

    // Part of it first, then the rest; the same request twice refunds once.
    assert.equal(await refundOrder(t.services, order.id, 'admin', { amountMinor: 500, requestId: 'r1' }), 'ok');
    assert.equal(await refundOrder(t.services, order.id, 'admin', { amountMinor: 500, requestId: 'r1' }), 'ok');
    const refunds = t.stripe.requestsTo('POST', '/v1/refunds');
    assert.deepEqual(
      refunds.slice(-2).map((r) => [r.body.payment_intent, r.body.amount]),
      [
        [pi, '500'],
        [pi, '500'],
      ],
    );
    assert.equal([...t.stripe.state.refunds.values()].filter((r) => r.payment_intent === pi).length, 1);
    let after = await orderOf(renewal.invoice.id);
    assert.deepEqual([after.status, Number(after.refunded_minor)], ['paid', 500]);

    assert.equal(await refundOrder(t.services, order.id, 'admin'), 'ok');
    after = await orderOf(renewal.invoice.id);
    assert.deepEqual([after.status, Number(after.refunded_minor)], ['refunded', 1200]);
    const charge = [...t.stripe.state.charges.values()].find((c) => c.payment_intent === pi)!;
    assert.equal(charge.amount_refunded, 1200);

    // Stripe's own notification of the refund (it names the payment intent) converges to the same.
    const refund = [...t.stripe.state.refunds.values()].find((r) => r.payment_intent === pi)!;
    const res = await sendWebhook(t, stripeEvent('charge.refunded', { ...charge, id: String(refund.charge) }));
    assert.equal(res.statusCode, 200);
    await t.drainJobs();
    const settled = await orderOf(renewal.invoice.id);
    assert.deepEqual([settled.status, Number(settled.refunded_minor)], ['refunded', 1200]);
    // The first period's order is untouched.
    assert.equal((await orderOf(firstInvoice.id)).status, 'paid');
  });
});
