import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { latestOrder, seedProduct } from '../checkout/testing.js';
import { saveTaxSettings } from '../tax/tax-settings.js';
import { testTaxSettings } from '../tax/testing.js';

/** The buy form on the product page posts the buyer's country, so checkout decides VAT from it. */
describe('product page: billing country and the § 312j summary', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  async function store(mode: 'regular' | 'small_business' = 'regular') {
    t = await buildTestApp();
    await setUpStore(t.services);
    await saveTaxSettings(
      t.services.database.db,
      testTaxSettings({ mode, vatId: '', ossOptIn: true, viesUrl: 'http://127.0.0.1:9/none' }),
    );
    const product = await seedProduct(t.services, { title: 'Field Guide', priceMinor: 1190 });
    return { t, product, path: `/p/product-${product.id.slice(0, 8)}` };
  }

  function form(body: string): string {
    return /<form method="post" action="\/checkout"[\s\S]*?<\/form>/.exec(body)?.[0] ?? '';
  }

  test('the browser’s region is preselected and the summary states the VAT included', async () => {
    const { t, path } = await store();
    const res = await new TestClient(t.app).get(path, { 'accept-language': 'en-AT,en;q=0.8' });
    assert.equal(res.statusCode, 200);
    const f = form(res.body);
    assert.match(f, /<select id="f-billingCountry" name="billingCountry"/);
    assert.match(f, /<option value="AT" selected>Austria<\/option>/);
    assert.match(f, /Total price incl\. VAT: €11\.90/);
  });

  test('the German checkout names the tax one way: “MwSt.” beside the price and above the button', async () => {
    const { t, product } = await store();
    const res = await new TestClient(t.app).get(`/checkout?product=${product.id}`, { 'accept-language': 'de-DE' });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /inkl\. 1,90\s€ MwSt\. \(19 %, Deutschland\)/);
    assert.match(res.body, /Gesamtpreis inkl\. MwSt\.: 11,90\s€/);
    assert.doesNotMatch(res.body, /\bUSt\.(?!-IdNr)/);
  });

  test('outside the EU the summary says no VAT is charged, in English and German', async () => {
    const { t, path } = await store();
    const en = await new TestClient(t.app).get(path, { 'accept-language': 'en-US' });
    assert.match(form(en.body), /Total price \(no VAT is charged for United States\): €11\.90/);
    assert.doesNotMatch(form(en.body), /incl\. VAT/);
    const de = await new TestClient(t.app).get(path, { 'accept-language': 'de-CH' });
    assert.match(form(de.body), /Gesamtpreis \(für Schweiz wird keine Umsatzsteuer berechnet\)/);
    assert.doesNotMatch(form(de.body), /inkl\. MwSt/);
  });

  test('small business: the § 19 UStG note, never “incl. VAT”', async () => {
    const { t, path } = await store('small_business');
    const res = await new TestClient(t.app).get(path, { 'accept-language': 'de-DE' });
    assert.match(form(res.body), /Gemäß § 19 UStG wird keine Umsatzsteuer berechnet/);
    assert.doesNotMatch(form(res.body), /inkl\. MwSt/);
  });

  test('the posted country decides the order’s VAT (chosen by the buyer)', async () => {
    const { t, product, path } = await store();
    const buyer = new TestClient(t.app);
    const res = await buyer.postForm(
      '/checkout',
      { productId: product.id, email: 'reader@example.com', name: '', billingCountry: 'FR', digitalConsent: '1' },
      { formPage: path },
    );
    assert.equal(res.statusCode, 303);
    const order = await latestOrder(t.services);
    assert.equal(order?.billing_country, 'FR');
    assert.equal(order?.tax_country, 'FR');
    assert.equal(order?.tax_scheme, 'oss');
    assert.equal(JSON.parse(order?.tax_evidence ?? '{}').billingCountrySource, 'buyer');
  });
});
