import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { latestOrder, seedProduct } from '../checkout/testing.js';
import { findPaymentDetails } from './payment-details.js';
import { testFeeMinor } from './test-provider.js';

/** The test provider reports a simulated fee and the card country the tester picked. */
describe('test provider: card country and test fee', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
  });
  after(() => t.close());

  async function checkout(priceMinor: number) {
    const product = await seedProduct(t.services, { priceMinor });
    const c = new TestClient(t.app);
    const res = await c.postForm(
      '/checkout',
      { productId: product.id, digitalConsent: '1', email: 'buyer@example.com' },
      { formPage: `/checkout?product=${product.id}` },
    );
    assert.equal(res.statusCode, 303);
    return { c, payUrl: res.headers.location as string, order: await latestOrder(t.services) };
  }

  test('the test fee is 1.5 % (half up) plus 25 minor units, never more than the payment', () => {
    assert.equal(testFeeMinor(1900), 54); // 28.5 → 29, + 25
    assert.equal(testFeeMinor(1000), 40);
    assert.equal(testFeeMinor(10), 10);
    assert.equal(testFeeMinor(0), 0);
  });

  test('the page shows the test fee; the picked card country and the fee are stored with the payment', async () => {
    const { c, payUrl, order } = await checkout(1900);
    const page = await c.get(payUrl);
    assert.match(page.body, /Test fee<\/dt>\s*<dd>€0\.54/);
    assert.match(page.body, /<option value>None given \(unknown\)<\/option>/);
    const res = await c.postForm(payUrl, { outcome: 'pay', cardCountry: 'AT' }, { formPage: payUrl });
    assert.equal(res.statusCode, 303);
    await t.drainJobs();
    assert.equal((await latestOrder(t.services)).status, 'paid');
    const d = await findPaymentDetails(t.services.database.db, order.id);
    assert.deepEqual(
      [d?.provider, d?.card_country, Number(d?.fee_minor), d?.fee_currency, Number(d?.net_minor)],
      ['test', 'AT', 54, 'EUR', 1900 - 54],
    );
  });

  test('no country given: unknown, the fee still known; a country not in the list re-renders the page', async () => {
    const { c, payUrl, order } = await checkout(2500);
    const bad = await c.postForm(payUrl, { outcome: 'pay', cardCountry: 'XX' }, { formPage: payUrl });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Choose a country from the list, or none\./);
    assert.equal((await latestOrder(t.services)).status, 'pending', 'nothing was paid');

    await c.postForm(payUrl, { outcome: 'pay' }, { formPage: payUrl });
    await t.drainJobs();
    const d = await findPaymentDetails(t.services.database.db, order.id);
    assert.deepEqual([d?.card_country, Number(d?.fee_minor)], [null, testFeeMinor(2500)]);
  });
});
