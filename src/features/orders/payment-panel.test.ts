import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { latestOrder, seedProduct } from '../checkout/testing.js';
import { evidenceBillingCountry } from './payment-panel.js';

/** The admin order page's payment panel: fee, net payout and card country against the tax evidence. */
describe('admin order page: payment panel', () => {
  let t: TestApp;
  let admin: TestClient;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    admin = new TestClient(t.app);
    await admin.login();
  });
  after(() => t.close());

  /** A buyer from Germany pays on the test page with a card of `cardCountry` ('' for none). */
  async function buyAndPay(cardCountry: string) {
    const product = await seedProduct(t.services, { priceMinor: 1900 });
    const c = new TestClient(t.app);
    const res = await c.postForm(
      '/checkout',
      { productId: product.id, digitalConsent: '1', email: 'buyer@example.com', billingCountry: 'DE' },
      { formPage: `/checkout?product=${product.id}` },
    );
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    const payUrl = res.headers.location as string;
    await c.postForm(payUrl, { outcome: 'pay', cardCountry }, { formPage: payUrl });
    await t.drainJobs();
    const order = await latestOrder(t.services);
    assert.equal(order.status, 'paid');
    return order;
  }

  /** The panel's text, tags removed. */
  async function panel(orderId: string): Promise<string> {
    const page = await admin.get(`/admin/orders/${orderId}`);
    assert.equal(page.statusCode, 200);
    const html = /<section class="panel" aria-labelledby="h-payment">([\s\S]*?)<\/section>/.exec(page.body)?.[1];
    assert.ok(html, 'payment panel shown');
    return html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
  }

  test('a card from another country than the billing country: fee, net payout and a note', async () => {
    const order = await buyAndPay('AT');
    assert.equal(evidenceBillingCountry(order), 'DE');
    const text = await panel(order.id);
    assert.match(text, /Payment fee €0\.54 \(test fee, simulated\)/);
    assert.match(text, /Net payout €18\.46/);
    assert.match(
      text,
      /Card country Austria \(AT\) Differs from the billing country in the tax evidence, Germany \(DE\)/,
    );
    // And in the tax panel's location evidence, marked as not matching.
    const page = await admin.get(`/admin/orders/${order.id}`);
    assert.match(
      page.body,
      /<li class="evidence-conflict">Card’s country \(reported with the payment\): Austria \(AT\)<\/li>/,
    );
  });

  test('no card country given: unknown, and no note', async () => {
    const order = await buyAndPay('');
    const text = await panel(order.id);
    assert.match(text, /Card country Unknown/);
    assert.doesNotMatch((await admin.get(`/admin/orders/${order.id}`)).body, /Card’s country \(reported/);
    assert.doesNotMatch(text, /Differs from the billing country/);
    assert.match(text, /Payment fee €0\.54/);
  });

  test('a card of the billing country: no note; German texts', async () => {
    const order = await buyAndPay('DE');
    const page = await admin.get(`/admin/orders/${order.id}`, { cookie: `${admin.cookieHeader}; vf_lang=de` });
    assert.match(page.body, /Zahlungsgebühr/);
    assert.doesNotMatch(page.body, /Weicht vom Rechnungsland/);
    const text = await panel(order.id);
    assert.match(text, /Card country Germany \(DE\)/);
    assert.doesNotMatch(text, /Differs from/);
  });

  test('the billing country is read from the evidence JSON, else the order; broken JSON is not an error', () => {
    const base = { billing_country: 'FR' };
    assert.equal(evidenceBillingCountry({ ...base, tax_evidence: '{"billingCountry":"IT","ip":null}' }), 'IT');
    assert.equal(evidenceBillingCountry({ ...base, tax_evidence: '{not json' }), 'FR');
    assert.equal(evidenceBillingCountry({ ...base, tax_evidence: '{"billingCountry":"<b>"}' }), 'FR');
    assert.equal(evidenceBillingCountry({ billing_country: null, tax_evidence: null }), null);
  });
});
