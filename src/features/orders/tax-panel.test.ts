import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { latestOrder, seedProduct } from '../checkout/testing.js';
import { saveTaxSettings } from '../tax/tax-settings.js';
import { testTaxSettings } from '../tax/testing.js';

/** The admin's order page shows the VAT decision and what it rests on, read-only. */
describe('admin order page: VAT decision and evidence', () => {
  let t: TestApp;
  let admin: TestClient;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    await saveTaxSettings(
      t.services.database.db,
      testTaxSettings({ vatId: '', ossOptIn: true, viesUrl: 'http://127.0.0.1:9/none' }),
    );
    admin = new TestClient(t.app);
    await admin.login();
  });
  after(() => t.close());

  function panel(body: string): string {
    return /<section class="panel tax-panel"[\s\S]*?<\/section>/.exec(body)?.[0] ?? '';
  }

  test('scheme, country, rate, VAT, and a conflict in the evidence', async () => {
    const p = await seedProduct(t.services, { title: 'Field Guide', priceMinor: 1190 });
    const buyer = new TestClient(t.app);
    const res = await t.app.inject({
      method: 'GET',
      url: `/checkout?product=${p.id}`,
      headers: { 'accept-language': 'de-DE' },
    });
    assert.equal(res.statusCode, 200);
    const post = await buyer.postForm(
      '/checkout',
      { productId: p.id, email: 'fr@example.com', billingCountry: 'FR', digitalConsent: '1' },
      { formPage: `/checkout?product=${p.id}` },
    );
    assert.equal(post.statusCode, 303);
    const order = await latestOrder(t.services);
    // The test client sends no Accept-Language; give the order the conflicting one a German browser would.
    const evidence = JSON.parse(order.tax_evidence ?? '{}');
    evidence.languageCountry = 'DE';
    evidence.acceptLanguage = 'de-DE';
    evidence.conflicts = ['language'];
    evidence.agree = false;
    await t.services.database.db
      .updateTable('orders')
      .set({ tax_evidence: JSON.stringify(evidence) })
      .where('id', '=', order.id)
      .execute();
    const page = await admin.get(`/admin/orders/${order.id}`);
    assert.equal(page.statusCode, 200);
    const html = panel(page.body);
    assert.match(html, /VAT decision/);
    assert.match(html, /VAT of the buyer’s member state \(One-Stop-Shop\)/);
    assert.match(html, /France \(FR\)/);
    assert.match(html, /20 %/);
    assert.match(html, /€1\.98/);
    assert.match(html, /Billing country: France \(FR\), chosen by the buyer/);
    assert.match(html, /Accept-Language: de-DE, country: Germany \(DE\)/);
    assert.match(html, /Conflicting evidence \(browser language\) points to another country/);
    assert.doesNotMatch(html, /<form|<input|<button/, 'read-only');
  });

  test('outside the EU no VAT applies: the scheme says so and no “0 %” rate is shown', async () => {
    const p = await seedProduct(t.services, { title: 'Trail Map', priceMinor: 900 });
    await new TestClient(t.app).postForm(
      '/checkout',
      { productId: p.id, email: 'us@example.com', billingCountry: 'US', digitalConsent: '1' },
      { formPage: `/checkout?product=${p.id}` },
    );
    const order = await latestOrder(t.services);
    assert.equal(order.tax_scheme, 'non_eu');
    const html = panel((await admin.get(`/admin/orders/${order.id}`)).body);
    assert.match(html, /United States \(US\)/);
    assert.doesNotMatch(html, /0 %/);
    assert.doesNotMatch(html, /<dt>Rate<\/dt>/);
  });

  test('a business buyer: VAT ID, billing address and the VIES consultation number', async () => {
    const p = await seedProduct(t.services, { title: 'Pro Pack', priceMinor: 50000 });
    const buyer = new TestClient(t.app);
    await buyer.postForm(
      '/checkout',
      { productId: p.id, email: 'b2b@example.com', billingCountry: 'FR', digitalConsent: '1' },
      { formPage: `/checkout?product=${p.id}` },
    );
    const order = await latestOrder(t.services);
    const checkId = randomUUID();
    const db = t.services.database.db;
    await db
      .insertInto('vies_checks')
      .values({
        id: checkId,
        vat_id: 'FR40303265045',
        status: 'valid',
        consultation_number: 'WAPI303265045',
        name: 'Exemple SARL',
        address: '1 rue de la Paix',
        error: null,
        request: '{}',
        response: '{}',
        checked_at: new Date().toISOString(),
      })
      .execute();
    await db
      .updateTable('orders')
      .set({
        buyer_vat_id: 'FR40303265045',
        vies_check_id: checkId,
        tax_scheme: 'reverse_charge',
        tax_minor: 0,
        tax_rate_bp: 0,
        billing_address: JSON.stringify({
          name: 'Exemple SARL',
          street: '1 rue de la Paix',
          postcode: '75002',
          city: 'Paris',
        }),
      })
      .where('id', '=', order.id)
      .execute();
    const html = panel((await admin.get(`/admin/orders/${order.id}`)).body);
    assert.match(html, /Reverse charge/);
    assert.match(html, /<code>FR40303265045<\/code>/);
    assert.match(html, /Exemple SARL, 1 rue de la Paix, 75002 Paris/);
    assert.match(html, /FR40303265045 valid/);
    assert.match(html, /<code>WAPI303265045<\/code>/);
  });

  test('an order from before checkout decided VAT says so', async () => {
    const p = await seedProduct(t.services, { title: 'Old Thing', priceMinor: 500 });
    const buyer = new TestClient(t.app);
    await buyer.postForm(
      '/checkout',
      { productId: p.id, email: 'old@example.com', billingCountry: 'DE', digitalConsent: '1' },
      { formPage: `/checkout?product=${p.id}` },
    );
    const order = await latestOrder(t.services);
    await t.services.database.db
      .updateTable('orders')
      .set({ tax_scheme: null, tax_evidence: null, billing_country: null })
      .where('id', '=', order.id)
      .execute();
    const html = panel((await admin.get(`/admin/orders/${order.id}`)).body);
    assert.match(html, /from before checkout decided VAT/);
    assert.match(html, /No location evidence was stored/);
  });
});
