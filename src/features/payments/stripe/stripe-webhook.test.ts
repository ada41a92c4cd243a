import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { latestOrder } from '../../checkout/testing.js';
import { stripeEvent } from './stand-in/state.js';
import {
  buildStripeTestApp,
  deliveriesOf,
  orderById,
  orderEvents,
  runJobsNow,
  type StripeTestApp,
  sendWebhook,
  startCheckout,
} from './testing.js';

describe('Stripe: checkout and webhooks, exactly once (real SDK against a local stand-in)', () => {
  let t: StripeTestApp;
  before(async () => {
    t = await buildStripeTestApp();
  });
  after(() => t.close());

  const receipts = async (orderId: string) =>
    (await orderEvents(t, orderId)).filter((k) => k === 'email_queued').length;

  test('the session is built from server-side prices, keyed by our order, with Stripe choosing the methods', async () => {
    const { res, order, sessionId } = await startCheckout(t, { priceMinor: 2490, email: 'Sepa@Example.com' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `https://checkout.stripe.com/c/pay/${sessionId}`);
    assert.equal(order.provider, 'stripe');
    assert.match(sessionId, /^cs_test_/);
    const [created] = t.stripe.requestsTo('POST', '/v1/checkout/sessions').slice(-1);
    assert.ok(created);
    assert.equal(created.idempotencyKey, `checkout:${order.id}`);
    const body = created.body;
    assert.equal(body.mode, 'payment');
    assert.deepEqual(body.line_items, [
      {
        quantity: '1',
        price_data: { currency: 'eur', unit_amount: '2490', product_data: { name: 'Sourdough Handbook' } },
      },
    ]);
    assert.equal(body.customer_email, 'sepa@example.com');
    assert.equal(body.client_reference_id, order.id);
    assert.deepEqual(body.metadata, { order_id: order.id, order_number: order.number });
    assert.deepEqual(body.payment_intent_data, { metadata: { order_id: order.id, order_number: order.number } });
    assert.equal(body.payment_method_types, undefined, 'the Stripe account’s settings choose the methods');
    assert.equal(body.success_url, `${t.services.config.publicUrl}/checkout/orders/${order.id}?k=${order.access_key}`);
    assert.ok(Number(body.expires_at) > Date.now() / 1000 + 30 * 60);
    assert.match(created.stripeVersion ?? '', /^\d{4}-\d{2}-\d{2}/);
  });

  test('a paid session: the same event twice and a burst of five give one payment, one delivery, one receipt', async () => {
    const { order, sessionId } = await startCheckout(t);
    const { session } = t.stripe.state.pay(sessionId);
    const event = stripeEvent('checkout.session.completed', session);
    const first = await sendWebhook(t, event);
    assert.equal(first.statusCode, 200);
    assert.deepEqual(first.json(), { received: true, duplicate: false });
    assert.deepEqual((await sendWebhook(t, event)).json(), { received: true, duplicate: true });
    const burst = await Promise.all(
      [1, 2, 3, 4, 5].map((i) =>
        sendWebhook(t, stripeEvent('checkout.session.completed', session, `evt_burst_${i}_${order.id}`)),
      ),
    );
    assert.ok(burst.every((r) => r.statusCode === 200));
    await t.drainJobs();
    const paid = await orderById(t, order.id);
    assert.equal(paid.status, 'paid');
    assert.equal((await deliveriesOf(t, order.id)).length, 1);
    assert.equal(await receipts(order.id), 1);
    assert.equal((await orderEvents(t, order.id)).filter((k) => k === 'paid').length, 1);
    const reads = t.stripe.requestsTo('GET', `/v1/checkout/sessions/${sessionId}`);
    assert.ok(reads.length >= 1, 'the processor re-read the session');
    assert.deepEqual(reads[0]?.query, { expand: ['payment_intent.latest_charge.balance_transaction'] });
    const stored = await t.services.database.db
      .selectFrom('payment_events')
      .selectAll()
      .where('provider', '=', 'stripe')
      .where('event_id', '=', event.id)
      .executeTakeFirstOrThrow();
    assert.ok(stored.processed_at);
  });

  test('forged, stale, garbled and unsigned deliveries are refused and change nothing', async () => {
    const { order, sessionId } = await startCheckout(t);
    const { session } = t.stripe.state.pay(sessionId);
    const event = stripeEvent('checkout.session.completed', session);
    const forged = await sendWebhook(t, event, { secret: 'whsec_notthesecret0123' });
    assert.equal(forged.statusCode, 400);
    assert.match(forged.headers['content-type'] as string, /problem\+json/);
    assert.equal(forged.json().code, 'invalid_signature');
    const stale = await sendWebhook(t, event, { timestamp: Math.floor(Date.now() / 1000) - 600 });
    assert.equal(stale.statusCode, 400, 'older than the 300 s tolerance');
    assert.equal((await sendWebhook(t, event, { signature: 't=1,v1=garbage' })).statusCode, 400);
    const unsigned = await t.app.inject({
      method: 'POST',
      url: '/api/v1/payments/stripe/webhook',
      payload: JSON.stringify(event),
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(unsigned.statusCode, 400);
    await t.drainJobs();
    assert.equal((await orderById(t, order.id)).status, 'pending');
    const stored = await t.services.database.db
      .selectFrom('payment_events')
      .select('id')
      .where('event_id', '=', event.id)
      .execute();
    assert.equal(stored.length, 0);
  });

  test('unknown event types and other apps’ sessions are acknowledged and dropped', async () => {
    const before = await t.services.database.db.selectFrom('payment_events').select('id').execute();
    const unknown = await sendWebhook(t, stripeEvent('customer.created', { id: 'cus_1', object: 'customer' }));
    assert.equal(unknown.statusCode, 200);
    assert.deepEqual(unknown.json(), { received: true, duplicate: false, ignored: true });
    const foreign = t.stripe.state.createSession({ mode: 'payment', line_items: [] });
    const notOurs = await sendWebhook(t, stripeEvent('checkout.session.completed', foreign));
    assert.equal(notOurs.json().ignored, true);
    const afterwards = await t.services.database.db.selectFrom('payment_events').select('id').execute();
    assert.equal(afterwards.length, before.length, 'nothing stored');
  });

  test('a SEPA debit that fails after the buyer left: pending, then failed, nothing delivered', async () => {
    const { order, sessionId } = await startCheckout(t);
    const completed = t.stripe.state.pay(sessionId, { async: true });
    await sendWebhook(t, stripeEvent('checkout.session.completed', completed.session));
    await t.drainJobs();
    assert.equal((await orderById(t, order.id)).status, 'pending', 'processing: waiting for the bank');
    const failed = t.stripe.state.settle(sessionId, false);
    await sendWebhook(t, stripeEvent('checkout.session.async_payment_failed', failed.session));
    await t.drainJobs();
    assert.equal((await orderById(t, order.id)).status, 'failed');
    assert.equal((await deliveriesOf(t, order.id)).length, 0);
    const event = await t.services.database.db
      .selectFrom('order_events')
      .select('detail')
      .where('order_id', '=', order.id)
      .where('kind', '=', 'payment_failed')
      .executeTakeFirstOrThrow();
    assert.equal(JSON.parse(event.detail).reason, 'insufficient_funds');
  });

  test('events out of order converge: a stale "completed" after "succeeded", a refund before the payment', async () => {
    const a = await startCheckout(t);
    t.stripe.state.pay(a.sessionId, { async: true });
    const stale = stripeEvent('checkout.session.completed', t.stripe.state.session(a.sessionId));
    const settled = t.stripe.state.settle(a.sessionId, true);
    await sendWebhook(t, stripeEvent('checkout.session.async_payment_succeeded', settled.session));
    await sendWebhook(t, stale);
    await t.drainJobs();
    assert.equal((await orderById(t, a.order.id)).status, 'paid');
    assert.equal((await deliveriesOf(t, a.order.id)).length, 1);

    // Paid and refunded in full at Stripe; the refund's event comes first, the payment's last.
    const b = await startCheckout(t);
    const paid = t.stripe.state.pay(b.sessionId);
    t.stripe.state.refund(paid.intent.id, undefined);
    const charge = t.stripe.state.charges.get(paid.charge.id)!;
    await sendWebhook(t, stripeEvent('charge.refunded', charge));
    await sendWebhook(t, stripeEvent('checkout.session.completed', paid.session));
    await t.drainJobs();
    const order = await orderById(t, b.order.id);
    assert.equal(order.status, 'refunded');
    assert.equal(order.refunded_minor, order.total_minor);
    assert.equal((await deliveriesOf(t, b.order.id)).length, 0, 'refunded before delivery: nothing delivered');
    assert.deepEqual(
      (await orderEvents(t, b.order.id)).filter((k) => k === 'paid' || k === 'refunded'),
      ['paid', 'refunded'],
    );
  });

  test('Stripe down: the event is kept and retried, nothing is lost, and it is processed once Stripe is back', async () => {
    const { order, sessionId } = await startCheckout(t);
    const { session } = t.stripe.state.pay(sessionId);
    t.stripe.failNext = 1;
    assert.equal((await sendWebhook(t, stripeEvent('checkout.session.completed', session))).statusCode, 200);
    await t.drainJobs();
    assert.equal((await orderById(t, order.id)).status, 'pending');
    const job = await t.services.database.db
      .selectFrom('jobs')
      .selectAll()
      .where('kind', '=', 'payment.process-event')
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow();
    assert.equal(job.attempts, 1);
    assert.match(job.last_error ?? '', /Something went wrong/);

    await t.stripe.stop();
    await runJobsNow(t);
    assert.equal((await orderById(t, order.id)).status, 'pending', 'connection refused: still waiting');

    await t.stripe.start();
    await runJobsNow(t);
    assert.equal((await orderById(t, order.id)).status, 'paid');
    assert.equal((await deliveriesOf(t, order.id)).length, 1);
    assert.equal(await receipts(order.id), 1);
  });

  test('Stripe down when the buyer starts: a clear error, and the unpaid order simply expires later', async () => {
    t.stripe.failNext = 1;
    const before = t.stripe.requestsTo('POST', '/v1/checkout/sessions').length;
    await assert.rejects(startCheckout(t), /did not reach Stripe \(status 400\)/);
    assert.equal(t.stripe.requestsTo('POST', '/v1/checkout/sessions').length, before + 1);
    const order = await latestOrder(t.services);
    assert.deepEqual([order.status, order.provider, order.provider_ref], ['pending', 'stripe', null]);
    const expiry = await t.services.database.db
      .selectFrom('jobs')
      .select('id')
      .where('unique_key', '=', `expire:${order.id}`)
      .execute();
    assert.equal(expiry.length, 1);
  });
});
