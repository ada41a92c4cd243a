import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { saveTaxSettings } from '../tax/tax-settings.js';
import { testTaxSettings } from '../tax/testing.js';
import { findSubscription } from './subscriptions.js';
import { moveToPeriodEnd, seedTier, subscribeAndPay } from './testing.js';

/** A membership's VAT: asked at subscribe, decided for the first order and again for every renewal. */
describe('membership VAT by the subscriber’s country (test provider)', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    // Destination VAT for consumers in other member states from the first sale.
    await saveTaxSettings(t.services.database.db, testTaxSettings({ ossOptIn: true }));
    await seedTier(t.services, { name: 'Supporter', monthly: 600, yearly: 6000 });
  });
  after(() => t.close());

  const db = () => t.services.database.db;
  const ordersOf = (subId: string) =>
    db()
      .selectFrom('subscription_payments')
      .innerJoin('orders', 'orders.id', 'subscription_payments.order_id')
      .select([
        'orders.id',
        'orders.status',
        'orders.total_minor',
        'orders.tax_minor',
        'orders.tax_scheme',
        'orders.tax_country',
        'orders.tax_rate_bp',
        'orders.billing_country',
        'orders.tax_evidence',
      ])
      .where('subscription_payments.subscription_id', '=', subId)
      .orderBy('subscription_payments.period_start')
      .execute();

  test('the form asks for the country, preselecting the browser’s region', async () => {
    const c = new TestClient(t.app);
    const page = await c.get('/membership/subscribe?tier=supporter&interval=month', {
      'accept-language': 'de-AT,de;q=0.9',
    });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<select id="f-billingCountry" name="billingCountry"/);
    assert.match(page.body, /<option value="AT" selected>Österreich<\/option>/);
    assert.match(page.body, /name="vatId"/);
  });

  test('an Austrian consumer’s monthly membership: AT VAT on the first and the renewal order, counted in analytics', async () => {
    const c = new TestClient(t.app);
    const sub = await subscribeAndPay(t, c, {
      tier: 'supporter',
      email: 'anna@example.at',
      fields: { billingCountry: 'AT' },
    });
    assert.equal(sub.status, 'active');
    assert.equal(sub.billing_country, 'AT');
    assert.equal(sub.buyer_vat_id, null);
    assert.equal(JSON.parse(sub.tax_evidence!).billingCountry, 'AT');

    await moveToPeriodEnd(t.services, sub.id);
    await t.drainJobs();
    assert.equal((await findSubscription(db(), sub.id))!.status, 'active');

    const orders = await ordersOf(sub.id);
    assert.equal(orders.length, 2);
    for (const o of orders) {
      // 6.00 gross with 20 % Austrian VAT: 1.00 VAT.
      assert.deepEqual(
        [o.status, Number(o.total_minor), Number(o.tax_minor), o.tax_scheme, o.tax_country, o.tax_rate_bp],
        ['paid', 600, 100, 'oss', 'AT', 2000],
      );
      assert.equal(o.billing_country, 'AT');
      assert.ok(o.tax_evidence, 'the location evidence stays with every period');
      const item = await db().selectFrom('order_items').select('tax_minor').where('order_id', '=', o.id).execute();
      assert.deepEqual(
        item.map((i) => Number(i.tax_minor)),
        [100],
      );
      const inv = await db()
        .selectFrom('invoices')
        .select(['tax_minor'])
        .where('order_id', '=', o.id)
        .executeTakeFirstOrThrow();
      assert.equal(Number(inv.tax_minor), 100, 'the invoice states the order’s decision');
    }
    const sums = await db()
      .selectFrom('daily_sales')
      .select([sql<number>`sum(tax_minor)`.as('tax'), sql<number>`sum(gross_minor)`.as('gross')])
      .executeTakeFirstOrThrow();
    assert.equal(Number(sums.tax), 200, 'analytics count the VAT of both periods');
  });

  test('a German consumer pays German VAT; a rate decided per period', async () => {
    const c = new TestClient(t.app);
    const sub = await subscribeAndPay(t, c, {
      tier: 'supporter',
      email: 'dora@example.de',
      fields: { billingCountry: 'DE' },
    });
    const [first] = await ordersOf(sub.id);
    assert.deepEqual([Number(first!.tax_minor), first!.tax_country, first!.tax_rate_bp], [96, 'DE', 1900]);
  });

  test('an unknown country or a malformed VAT ID is a form error (400), nothing is subscribed', async () => {
    const c = new TestClient(t.app);
    for (const [fields, message] of [
      [{ billingCountry: 'XX' }, /Please choose a country from the list/],
      [{ billingCountry: 'AT', vatId: 'ATU1' }, /VAT ID/],
      [{ billingCountry: 'DE', vatId: 'FR40303265045' }, /another country/],
    ] as const) {
      const res = await c.postForm(
        '/membership/subscribe',
        { tier: 'supporter', interval: 'month', email: 'wrong@example.com', name: 'W', consent: '1', ...fields },
        { formPage: '/membership/subscribe?tier=supporter&interval=month' },
      );
      assert.equal(res.statusCode, 400);
      assert.match(res.body, message);
    }
    const subs = await db()
      .selectFrom('subscriptions')
      .innerJoin('members', 'members.id', 'subscriptions.member_id')
      .select('subscriptions.id')
      .where('members.email', '=', 'wrong@example.com')
      .execute();
    assert.equal(subs.length, 0);
  });
});
