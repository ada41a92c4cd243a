import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { countRows, latestOrder, seedProduct } from '../checkout/testing.js';
import { writeSetting } from '../settings/store-settings.js';
import { DIGITAL_CONSENT_VERSION } from './consent.js';

describe('checkout: consent for digital content (§ 356 (5) BGB)', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
  });
  after(() => t.close());

  test('without the tick: 400, a clear message, and no order', async () => {
    const product = await seedProduct(t.services, { priceMinor: 1500 });
    const before = await countRows(t.services, 'orders');
    const c = new TestClient(t.app);
    const formPage = `/checkout?product=${product.id}`;
    const res = await c.postForm('/checkout', { productId: product.id, email: 'no-tick@example.com' }, { formPage });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Please tick the box for the digital content/);
    assert.match(res.body, /name="digitalConsent"/);
    assert.equal(await countRows(t.services, 'orders'), before);

    const german = await t.app.inject({
      method: 'GET',
      url: formPage,
      headers: { cookie: 'vf_lang=de' },
    });
    assert.match(german.body, /Ich stimme ausdrücklich zu/);
    assert.match(german.body, /Zahlungspflichtig bestellen/);
    assert.match(german.body, /inkl\. MwSt\./);
  });

  test('the checkout page: unticked box, price incl. VAT above the button, legal links', async () => {
    const product = await seedProduct(t.services, { priceMinor: 1500, title: 'Sauerteig-Kurs' });
    const page = await new TestClient(t.app).get(`/checkout?product=${product.id}`);
    assert.match(page.body, /type="checkbox" name="digitalConsent" value="1"/);
    assert.doesNotMatch(page.body, /name="digitalConsent"[^>]*checked/);
    assert.match(page.body, /name="digitalConsent" value="1" required/, 'the browser asks for the box too');
    assert.match(page.body, /Total price incl\. VAT: €15\.00/);
    assert.match(page.body, /You are buying: Sauerteig-Kurs/);
    assert.match(page.body, /href="\/terms"/);
    assert.match(page.body, /href="\/withdrawal"/);
    assert.match(page.body, /href="\/privacy"/);
    const summaryAt = page.body.indexOf('Total price incl. VAT');
    const buttonAt = page.body.indexOf('Buy now — payment required');
    assert.ok(summaryAt > 0 && summaryAt < buttonAt, 'the summary sits right above the order button');
    // The product page's buy form carries the same box.
    const slug = await t.services.database.db
      .selectFrom('products')
      .select('slug')
      .where('id', '=', product.id)
      .executeTakeFirstOrThrow();
    const productPage = await new TestClient(t.app).get(`/p/${slug.slug}`);
    assert.match(productPage.body, /name="digitalConsent" value="1" required/);
  });

  test('small-business mode shows the § 19 UStG note instead of VAT', async () => {
    await writeSetting(t.services.database.db, 'tax.mode', 'small_business');
    try {
      const product = await seedProduct(t.services, { priceMinor: 900 });
      const page = await new TestClient(t.app).get(`/checkout?product=${product.id}`);
      assert.match(
        page.body,
        /Total price: €9\.00\. No VAT is charged under § 19 UStG/,
        'one sentence, not ".: €9.00"',
      );
      assert.doesNotMatch(page.body, /incl\. VAT/);
    } finally {
      await writeSetting(t.services.database.db, 'tax.mode', 'regular');
    }
  });

  test('with the tick: consent stored with version and time, repeated in the receipt and on the thank-you page', async () => {
    const product = await seedProduct(t.services, { priceMinor: 1900 });
    const c = new TestClient(t.app);
    const res = await c.postForm(
      '/checkout',
      { productId: product.id, digitalConsent: '1', email: 'tick@example.com' },
      { formPage: `/checkout?product=${product.id}` },
    );
    assert.equal(res.statusCode, 303);
    const order = await latestOrder(t.services);
    const consent = await t.services.database.db
      .selectFrom('order_consents')
      .selectAll()
      .where('order_id', '=', order.id)
      .executeTakeFirstOrThrow();
    assert.equal(consent.text_version, DIGITAL_CONSENT_VERSION);
    assert.equal(consent.kind, 'digital_content');
    assert.match(consent.text, /I expressly agree/);
    assert.ok(Date.parse(consent.given_at) > Date.now() - 60_000);

    const payUrl = res.headers.location as string;
    await c.postForm(payUrl, { outcome: 'pay' }, { formPage: payUrl });
    await t.drainJobs();
    const mail = await t.services.database.db
      .selectFrom('emails')
      .selectAll()
      .where('template', '=', 'receipt')
      .where('to_address', '=', 'tick@example.com')
      .executeTakeFirstOrThrow();
    assert.match(mail.text, /Your consent of .*I expressly agree that you begin delivering/);
    const thanks = await c.get(`/checkout/orders/${order.id}?k=${order.access_key}`);
    assert.match(thanks.body, /you agreed: “I expressly agree/);
    assert.match(thanks.body, /Withdraw from this contract/);
  });

  test('free products: no box, no consent needed', async () => {
    const product = await seedProduct(t.services, { pricing: 'free', priceMinor: 0 });
    const c = new TestClient(t.app);
    const page = await c.get(`/checkout?product=${product.id}`);
    assert.doesNotMatch(page.body, /name="digitalConsent"/);
    const res = await c.postForm(
      '/checkout',
      { productId: product.id, email: 'free@example.com' },
      { formPage: `/checkout?product=${product.id}` },
    );
    assert.equal(res.statusCode, 303);
    const order = await latestOrder(t.services);
    assert.equal(await countRows(t.services, 'orders', ['id', order.id]), 1);
    const consents = await t.services.database.db
      .selectFrom('order_consents')
      .select('id')
      .where('order_id', '=', order.id)
      .execute();
    assert.equal(consents.length, 0);
  });
});
