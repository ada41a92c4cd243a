import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import type { Order } from '../../db/schema.js';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { createDiscount } from '../discounts/create-discount.js';
import { saveTaxSettings, type TaxSettings } from '../tax/tax-settings.js';
import { testTaxSettings } from '../tax/testing.js';
import type { LocationEvidence } from './order-tax.js';
import { latestOrder, seedProduct } from './testing.js';

// Addresses as the shipped GeoIP file maps them (Deutsche Telekom, A1 Telekom Austria).
const GERMAN_IP = '80.128.0.1';
const AUSTRIAN_IP = '77.116.0.1';

const SETTINGS: TaxSettings = testTaxSettings({ ossOptIn: true, viesUrl: 'http://127.0.0.1:9/none' });

/**
 * The IP country as evidence, through real HTTP requests: behind a trusted
 * proxy (TRUST_PROXY=1) the client address comes from X-Forwarded-For, as in
 * production behind a reverse proxy; the shipped database answers.
 */
describe('checkout: the IP country as location evidence', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  async function setUp(env: Record<string, string> = { TRUST_PROXY: '1' }, product = {}) {
    t = await buildTestApp({ env });
    await setUpStore(t.services);
    await saveTaxSettings(t.services.database.db, SETTINGS);
    const p = await seedProduct(t.services, { priceMinor: 1200, title: 'Field Guide', ...product });
    return { app: t, product: p, c: new TestClient(t.app) };
  }

  async function buy(
    app: TestApp,
    c: TestClient,
    productId: string,
    fields: Record<string, string>,
    headers: Record<string, string> = {},
  ) {
    const res = await c.postForm(
      '/checkout',
      { productId, digitalConsent: '1', email: 'buyer@example.com', name: 'Bea', ...fields },
      { formPage: `/checkout?product=${productId}`, headers },
    );
    return { res, order: res.statusCode === 303 ? await latestOrder(app.services) : undefined };
  }

  const evidenceOf = (o: Order | undefined) => JSON.parse(o?.tax_evidence ?? '{}') as LocationEvidence;
  const orderCount = async (app: TestApp) =>
    (await app.services.database.db.selectFrom('orders').select('id').execute()).length;

  test('an IP address in the chosen country is the second piece of evidence', async () => {
    const { app, product, c } = await setUp();
    const { res, order } = await buy(app, c, product.id, { billingCountry: 'DE' }, { 'x-forwarded-for': GERMAN_IP });
    assert.equal(res.statusCode, 303);
    const e = evidenceOf(order);
    assert.deepEqual([e.ip, e.ipCountry, e.agree, e.conflicts, e.confirmedByBuyer], [GERMAN_IP, 'DE', true, [], false]);
  });

  test('a contradicting IP asks the buyer to confirm; confirming orders and records both', async () => {
    const { app, product, c } = await setUp();
    const from = { 'x-forwarded-for': AUSTRIAN_IP };
    const asked = await buy(app, c, product.id, { billingCountry: 'DE' }, from);
    assert.equal(asked.res.statusCode, 400);
    assert.match(
      asked.res.body,
      /Your connection appears to be from Austria, but you chose Germany as billing country\. Please confirm your country\./,
    );
    assert.match(asked.res.body, /<input id="f-confirmedCountry" type="checkbox" name="confirmedCountry" value="DE"/);
    assert.match(asked.res.body, /I confirm my billing country: Germany/);
    assert.match(asked.res.body, /<option value="DE" selected>Germany<\/option>/);
    assert.equal(await orderCount(app), 0, 'nothing is ordered before the confirmation');

    // Not ticked: asked again.
    const again = await buy(app, c, product.id, { billingCountry: 'DE' }, from);
    assert.equal(again.res.statusCode, 400);
    assert.equal(await orderCount(app), 0);

    const { res, order } = await buy(app, c, product.id, { billingCountry: 'DE', confirmedCountry: 'DE' }, from);
    assert.equal(res.statusCode, 303);
    assert.deepEqual([order?.billing_country, order?.tax_country, order?.tax_minor], ['DE', 'DE', 192]);
    const e = evidenceOf(order);
    assert.deepEqual([e.ipCountry, e.agree, e.conflicts, e.confirmedByBuyer], ['AT', false, ['ip'], true]);

    const admin = new TestClient(app.app);
    await admin.login();
    const page = await admin.get(`/admin/orders/${order?.id}`);
    const panel = /<section class="panel tax-panel"[\s\S]*?<\/section>/.exec(page.body)?.[0] ?? '';
    assert.match(panel, /IP address: 77\.116\.0\.1, country: Austria \(AT\)/);
    assert.match(panel, /Conflicting evidence \(IP address\) points to another country/);
    assert.match(
      panel,
      /The buyer confirmed the billing country after being told that the IP address points to Austria/,
    );
  });

  test('the question in German', async () => {
    const { app, product, c } = await setUp();
    const { res } = await buy(
      app,
      c,
      product.id,
      { billingCountry: 'DE' },
      { 'x-forwarded-for': AUSTRIAN_IP, 'accept-language': 'de' },
    );
    assert.equal(res.statusCode, 400);
    assert.match(
      res.body,
      /Ihre Verbindung scheint aus Österreich zu kommen, Sie haben aber Deutschland als Rechnungsland gewählt\. Bitte bestätigen Sie Ihr Land\./,
    );
    assert.match(res.body, /Ich bestätige mein Rechnungsland: Deutschland/);
  });

  test('a confirmation does not carry over to another country', async () => {
    const { app, product, c } = await setUp();
    const { res } = await buy(
      app,
      c,
      product.id,
      { billingCountry: 'FR', confirmedCountry: 'DE' },
      { 'x-forwarded-for': AUSTRIAN_IP },
    );
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /from Austria, but you chose France as billing country/);
    assert.match(res.body, /name="confirmedCountry" value="FR"/);
    assert.equal(await orderCount(app), 0);
  });

  test('a browser language of the chosen country outweighs the IP: no question, the conflict is recorded', async () => {
    const { app, product, c } = await setUp();
    const { res, order } = await buy(
      app,
      c,
      product.id,
      { billingCountry: 'DE' },
      { 'x-forwarded-for': AUSTRIAN_IP, 'accept-language': 'de-DE' },
    );
    assert.equal(res.statusCode, 303);
    const e = evidenceOf(order);
    assert.deepEqual([e.ipCountry, e.agree, e.conflicts, e.confirmedByBuyer], ['AT', true, ['ip'], false]);
    const admin = new TestClient(app.app);
    await admin.login();
    const page = await admin.get(`/admin/orders/${order?.id}`);
    assert.match(page.body, /A second piece of evidence agrees with the billing country/);
    assert.match(page.body, /The buyer was not asked to confirm: another piece of evidence agrees/);
  });

  test('an unknown IP (private, loopback) is no evidence and no conflict', async () => {
    const { app, product, c } = await setUp();
    for (const ip of ['10.1.2.3', '192.168.1.1']) {
      const { res, order } = await buy(app, c, product.id, { billingCountry: 'DE' }, { 'x-forwarded-for': ip });
      assert.equal(res.statusCode, 303, ip);
      const e = evidenceOf(order);
      assert.deepEqual([e.ip, e.ipCountry, e.agree], [ip, null, null]);
    }
  });

  test('without TRUST_PROXY an X-Forwarded-For header is not believed', async () => {
    const { app, product, c } = await setUp({});
    const { res, order } = await buy(app, c, product.id, { billingCountry: 'DE' }, { 'x-forwarded-for': AUSTRIAN_IP });
    assert.equal(res.statusCode, 303);
    const e = evidenceOf(order);
    assert.deepEqual([e.ip, e.ipCountry], ['127.0.0.1', null]);
  });

  test('a missing GeoIP file never stops a checkout', async () => {
    const { app, product, c } = await setUp({ TRUST_PROXY: '1', GEOIP_DATABASE: '/nonexistent/countries.mmdb' });
    const { res, order } = await buy(app, c, product.id, { billingCountry: 'DE' }, { 'x-forwarded-for': AUSTRIAN_IP });
    assert.equal(res.statusCode, 303);
    assert.equal(evidenceOf(order).ipCountry, null);
  });

  test('the product page’s buy form: the question comes on the checkout page with every input kept', async () => {
    const { app, product, c } = await setUp({ TRUST_PROXY: '1' }, { pricing: 'pwyw', minMinor: 500 });
    await createDiscount(app.services.database.db, {
      values: {
        code: 'SPRING',
        kind: 'percent',
        percentOff: 10,
        amountOffMinor: null,
        currency: null,
        productId: null,
        expiresAt: null,
        maxRedemptions: null,
        active: true,
      },
      actor: 'test',
    });
    // A browser language without a region: nothing but the IP to weigh the country against.
    const headers = { 'x-forwarded-for': AUSTRIAN_IP, 'accept-language': 'en' };
    const { slug } = await app.services.database.db
      .selectFrom('products')
      .select('slug')
      .where('id', '=', product.id)
      .executeTakeFirstOrThrow();
    const page = await c.get(`/p/${slug}`, headers);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<option value="DE" selected>Germany<\/option>/, 'preselected: the store’s country');
    // What the product page posts (its own CSRF token); the country as preselected.
    const fields = {
      productId: product.id,
      amount: '24',
      email: 'buyer@example.com',
      name: 'Bea Buyer',
      billingCountry: 'DE',
      discountCode: 'SPRING',
      digitalConsent: '1',
    };
    // A code the buyer has not seen applied: the checkout page shows the price first, every input kept.
    const priced = await c.postForm('/checkout', fields, { formPage: `/p/${slug}`, headers });
    assert.equal(priced.statusCode, 200);
    assert.match(priced.body, /Your code is applied: you pay €21\.60/);
    assert.match(priced.body, /name="digitalConsent"[^>]*value="1"[^>]*checked/);
    assert.equal(await orderCount(app), 0);
    const quoted = /name="quoted" value="([^"]*)"/.exec(priced.body)?.[1] ?? '';
    assert.equal(quoted, 'SPRING|24');
    const asked = await c.postForm(
      '/checkout',
      { ...fields, quoted },
      { csrf: /name="_csrf" value="([^"]+)"/.exec(priced.body)?.[1] ?? null, headers },
    );
    assert.equal(asked.statusCode, 400);
    assert.match(asked.body, /<form[^>]*action="\/checkout"/);
    assert.match(asked.body, /from Austria, but you chose Germany/);
    assert.match(asked.body, /name="email"[^>]*value="buyer@example\.com"/);
    assert.match(asked.body, /name="name"[^>]*value="Bea Buyer"/);
    assert.match(asked.body, /name="amount"[^>]*value="24"/);
    assert.match(asked.body, /name="discountCode"[^>]*value="SPRING"/);
    assert.match(asked.body, /name="digitalConsent"[^>]*value="1"[^>]*checked/);
    assert.equal(await orderCount(app), 0);

    const csrf = /name="_csrf" value="([^"]+)"/.exec(asked.body)?.[1] ?? null;
    const ok = await c.postForm('/checkout', { ...fields, quoted, confirmedCountry: 'DE' }, { csrf, headers });
    assert.equal(ok.statusCode, 303);
    const order = await latestOrder(app.services);
    assert.deepEqual([order.subtotal_minor, order.discount_minor, order.total_minor], [2400, 240, 2160]);
    assert.equal(evidenceOf(order).confirmedByBuyer, true);
  });
});
