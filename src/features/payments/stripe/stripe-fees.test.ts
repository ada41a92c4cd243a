import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestClient } from '../../../testing/app.js';
import { rebuildSalesAggregates } from '../../analytics/rebuild-aggregates.js';
import { seedTier } from '../../memberships/testing.js';
import { FEE_LOOKUP_LIMIT } from '../fee-lookups.js';
import { findPaymentDetails } from '../payment-details.js';
import { scheduleReconciliation } from '../reconcile-payments.job.js';
import { type Obj, standInFee, stripeEvent } from './stand-in/state.js';
import {
  buildStripeTestApp,
  orderById,
  orderEvents,
  runJobsNow,
  type StripeTestApp,
  sendWebhook,
  startCheckout,
} from './testing.js';

/** Card country and Stripe's fee for each paid order, read from the charge's balance transaction. */
describe('Stripe: card country and fee of each payment (real SDK against the stand-in)', () => {
  let t: StripeTestApp;
  before(async () => {
    t = await buildStripeTestApp({ RECONCILE_AFTER_MINUTES: '10' });
  });
  after(() => t.close());

  const db = () => t.services.database.db;
  const details = async (orderId: string) => {
    const d = await findPaymentDetails(db(), orderId);
    assert.ok(d, 'payment details stored');
    return { ...d, fee_minor: d.fee_minor === null ? null : Number(d.fee_minor), net_minor: Number(d.net_minor) };
  };
  /** The daily_sales rows in whole numbers: fee, orders with a counted fee, orders with a fee in another currency. */
  const feeSums = async () => {
    const rows = await db().selectFrom('daily_sales').selectAll().orderBy('day').orderBy('currency').execute();
    return rows.map((r) => ({
      day: r.day,
      currency: r.currency,
      gross: Number(r.gross_minor),
      fee: Number(r.fee_minor),
      feeOrders: Number(r.fee_orders),
      foreign: Number(r.foreign_fee_orders),
    }));
  };
  const productFees = async () => {
    const rows = await db()
      .selectFrom('daily_product_sales')
      .selectAll()
      .orderBy('day')
      .orderBy('product_id')
      .execute();
    return rows.map((r) => [r.day, r.product_id, r.currency, Number(r.gross_minor), Number(r.fee_minor)]);
  };
  const reset = async () => {
    await db().deleteFrom('daily_sales').execute();
    await db().deleteFrom('daily_product_sales').execute();
    await db().deleteFrom('analytics_orders').execute();
    await db().deleteFrom('analytics_customers').execute();
    await db().deleteFrom('orders').execute();
  };
  const paidAt = (session: Obj, opts: Parameters<StripeTestApp['stripe']['state']['pay']>[1] = {}) =>
    t.stripe.state.pay(session.id, opts);

  test('fee and card country are stored once with the payment; the same and a new event change nothing', async () => {
    await reset();
    const { order, sessionId } = await startCheckout(t, { priceMinor: 1900 });
    const paid = paidAt(t.stripe.state.session(sessionId), { cardCountry: 'AT' });
    const event = stripeEvent('checkout.session.completed', paid.session);
    await sendWebhook(t, event);
    await t.drainJobs();
    assert.equal((await orderById(t, order.id)).status, 'paid');
    const fee = standInFee(1900);
    assert.equal(fee, 54);
    const first = await details(order.id);
    const txn = t.stripe.state.chargeOf(paid.intent.id).balance_transaction;
    assert.deepEqual(
      [first.provider, first.card_country, first.fee_minor, first.fee_currency, first.net_minor, first.balance_ref],
      ['stripe', 'AT', 54, 'EUR', 1900 - 54, txn],
    );
    const sums = await feeSums();
    assert.deepEqual(
      sums.map((r) => [r.currency, r.gross, r.fee, r.feeOrders, r.foreign]),
      [['EUR', 1900, 54, 1, 0]],
    );

    // The same delivery again, then another event about the same payment: nothing moves.
    const events = await orderEvents(t, order.id);
    await sendWebhook(t, event);
    await sendWebhook(t, stripeEvent('charge.updated', t.stripe.state.chargeOf(paid.intent.id)));
    await t.drainJobs();
    assert.deepEqual(await details(order.id), first, 'details unchanged, updated_at included');
    assert.deepEqual(await feeSums(), sums);
    assert.deepEqual(await orderEvents(t, order.id), events);
  });

  test('a balance transaction not booked yet: the fee is filled by charge.updated, counted on the day of the sale', async () => {
    await reset();
    const { order, sessionId } = await startCheckout(t, { priceMinor: 2500 });
    const paid = paidAt(t.stripe.state.session(sessionId), { booked: false, cardCountry: 'DE' });
    await sendWebhook(t, stripeEvent('checkout.session.completed', paid.session));
    await t.drainJobs();
    const before = await details(order.id);
    assert.deepEqual([before.card_country, before.fee_minor, before.fee_currency], ['DE', null, null]);
    const day = (await feeSums())[0];
    assert.deepEqual([day?.gross, day?.fee, day?.feeOrders], [2500, 0, 0], 'counted before fees for now');

    // An update without a balance transaction is not one we act on; the one that brings it is.
    const unbooked = await sendWebhook(t, stripeEvent('charge.updated', t.stripe.state.chargeOf(paid.intent.id)));
    assert.equal(unbooked.json().ignored, true);
    t.stripe.state.bookCharge(paid.charge.id);
    await sendWebhook(t, stripeEvent('charge.updated', t.stripe.state.chargeOf(paid.intent.id)));
    await t.drainJobs();
    const after = await details(order.id);
    assert.deepEqual([after.card_country, after.fee_minor, after.fee_currency], ['DE', standInFee(2500), 'EUR']);
    const sums = await feeSums();
    assert.deepEqual(
      sums.map((r) => [r.day, r.gross, r.fee, r.feeOrders]),
      [[day?.day, 2500, standInFee(2500), 1]],
    );
    assert.equal((await orderEvents(t, order.id)).filter((k) => k === 'paid').length, 1);
  });

  test('a fee still unknown is asked for by the reconciliation: once per hour, a bounded number of times', async () => {
    await reset();
    const { order, sessionId } = await startCheckout(t, { priceMinor: 1500 });
    const paid = paidAt(t.stripe.state.session(sessionId), { booked: false });
    await sendWebhook(t, stripeEvent('checkout.session.completed', paid.session));
    await t.drainJobs();
    const sessionReads = () => t.stripe.requestsTo('GET', `/v1/checkout/sessions/${sessionId}`).length;
    // A new run of the reconciliation (earlier runs' jobs gone, as after their time slot).
    const reconcile = async () => {
      await db().deleteFrom('jobs').where('kind', 'in', ['payments.reconcile', 'payment.sync-order']).execute();
      await scheduleReconciliation(db(), 10);
      await runJobsNow(t, ['payments.reconcile', 'payment.sync-order']);
    };

    let reads = sessionReads();
    await reconcile();
    assert.equal(sessionReads(), reads + 1, 'looked up once');
    assert.equal((await details(order.id)).fee_lookups, 1);
    assert.equal((await details(order.id)).fee_minor, null, 'Stripe has not booked it yet');
    reads = sessionReads();
    await reconcile();
    assert.equal(sessionReads(), reads, 'not again within the hour');

    // After the last allowed lookup it is not asked for again, booked or not.
    const hourAgo = new Date(Date.now() - 61 * 60_000).toISOString();
    await db()
      .updateTable('order_payment_details')
      .set({ fee_lookups: FEE_LOOKUP_LIMIT, fee_looked_at: hourAgo })
      .where('order_id', '=', order.id)
      .execute();
    t.stripe.state.bookCharge(paid.charge.id);
    await reconcile();
    assert.equal(sessionReads(), reads, 'the limit is reached');

    // One lookup left, an hour later: filled, and then never asked for again.
    await db()
      .updateTable('order_payment_details')
      .set({ fee_lookups: FEE_LOOKUP_LIMIT - 1 })
      .where('order_id', '=', order.id)
      .execute();
    await reconcile();
    const filled = await details(order.id);
    assert.equal(filled.fee_minor, standInFee(1500));
    assert.equal(filled.fee_lookups, FEE_LOOKUP_LIMIT);
    const [day] = await feeSums();
    assert.deepEqual([day?.fee, day?.feeOrders], [standInFee(1500), 1]);
    await db().updateTable('order_payment_details').set({ fee_looked_at: hourAgo }).execute();
    reads = sessionReads();
    await reconcile();
    assert.equal(sessionReads(), reads, 'a known fee is not asked for');
  });

  test('a fee in the balance’s other currency is stored as given and counted as such, never subtracted', async () => {
    await reset();
    const { order, sessionId, product } = await startCheckout(t, { priceMinor: 2000 });
    const paid = paidAt(t.stripe.state.session(sessionId), { balanceCurrency: 'usd', exchangeRate: 1.1 });
    await sendWebhook(t, stripeEvent('checkout.session.completed', paid.session));
    await t.drainJobs();
    const d = await details(order.id);
    assert.deepEqual([d.fee_minor, d.fee_currency, d.net_minor], [standInFee(2200), 'USD', 2200 - standInFee(2200)]);
    const incremental = await feeSums();
    assert.deepEqual(
      incremental.map((r) => [r.currency, r.gross, r.fee, r.feeOrders, r.foreign]),
      [['EUR', 2000, 0, 0, 1]],
    );
    assert.deepEqual(
      (await productFees()).map((r) => r.slice(1)),
      [[product.id, 'EUR', 2000, 0]],
    );
    // The recount gives exactly what the upkeep gave.
    const products = await productFees();
    await rebuildSalesAggregates(db(), t.services.database.dialect);
    assert.deepEqual(await feeSums(), incremental);
    assert.deepEqual(await productFees(), products);
  });

  test('a membership invoice’s order gets the fee and card country of the invoice’s payment', async () => {
    await reset();
    await seedTier(t.services, { name: 'Patron', monthly: 1200, yearly: null });
    t.stripe.billing.chargeOptions = { cardCountry: 'FR', booked: false };
    const c = new TestClient(t.app);
    const res = await c.postForm(
      '/membership/subscribe',
      { tier: 'patron', interval: 'month', email: 'pat@example.com', name: 'Pat', consent: '1', billingCountry: 'DE' },
      { formPage: '/membership/subscribe?tier=patron&interval=month' },
    );
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    const sub = await db().selectFrom('subscriptions').select('checkout_ref').executeTakeFirstOrThrow();
    const paid = t.stripe.billing.paySubscriptionSession(t.stripe.state.session(sub.checkout_ref!));
    await sendWebhook(t, stripeEvent('invoice.paid', paid.invoice));
    await t.drainJobs();
    const order = await db()
      .selectFrom('orders')
      .selectAll()
      .where('provider_ref', '=', paid.invoice.id)
      .executeTakeFirstOrThrow();
    assert.equal(order.status, 'paid');
    assert.equal(await findPaymentDetails(db(), order.id), undefined, 'the invoice sync reads no charge');

    const lookup = async () => {
      await db().deleteFrom('jobs').where('kind', 'in', ['payments.reconcile', 'payment.sync-order']).execute();
      await db().updateTable('order_payment_details').set({ fee_looked_at: null }).execute();
      await scheduleReconciliation(db(), 10);
      await runJobsNow(t, ['payments.reconcile', 'payment.sync-order']);
    };
    await lookup();
    const first = await details(order.id);
    assert.deepEqual([first.card_country, first.fee_minor, first.fee_lookups], ['FR', null, 1]);

    const payment = t.stripe.billing.invoicePayments.get(paid.invoice.id)?.payment as { payment_intent: string };
    t.stripe.state.bookCharge(t.stripe.state.chargeOf(payment.payment_intent).id);
    await lookup();
    const filled = await details(order.id);
    assert.deepEqual([filled.card_country, filled.fee_minor, filled.fee_currency], ['FR', standInFee(1200), 'EUR']);
    const [day] = await feeSums();
    assert.deepEqual([day?.gross, day?.fee, day?.feeOrders], [1200, standInFee(1200), 1]);
    t.stripe.billing.chargeOptions = {};
  });
});
