import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, afterEach, before, describe, test } from 'node:test';
import type { Order } from '../../db/schema.js';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { buildCiiXml } from '../invoices/cii.js';
import { type CiiFinding, loadCiiValidator, type ValidateCii } from '../invoices/cii-validator.testing.js';
import { invoicesOfOrder } from '../invoices/queries.js';
import { saveTaxSettings, type TaxSettings } from '../tax/tax-settings.js';
import { testTaxSettings } from '../tax/testing.js';
import type { LocationEvidence } from './order-tax.js';
import { latestOrder, seedProduct } from './testing.js';

/** A stand-in for the Commission's VIES REST service: knows two businesses, is down for one Austrian number. */
function startVies(): Promise<{ server: Server; url: string; asked: string[] }> {
  const asked: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const { countryCode, vatNumber } = JSON.parse(body) as { countryCode: string; vatNumber: string };
      const id = `${countryCode}${vatNumber}`;
      asked.push(id);
      res.setHeader('content-type', 'application/json');
      if (id === 'ATU13585627') {
        res.end(JSON.stringify({ actionSucceed: false, errorWrappers: [{ error: 'MS_UNAVAILABLE' }] }));
        return;
      }
      const known: Record<string, string> = { DE136695976: 'Muster GmbH', FR40303265045: 'Exemple SARL' };
      const name = known[id];
      res.end(
        JSON.stringify({
          valid: Boolean(name),
          requestIdentifier: name ? `WAPI${vatNumber}` : '',
          name: name ?? '---',
          address: '---',
        }),
      );
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/check-vat-number`, asked }),
    ),
  );
}

// Destination VAT for consumers in other member states from the first sale (Art. 59c opt-in).
const SETTINGS: Omit<TaxSettings, 'viesUrl'> = testTaxSettings({ ossOptIn: true });

const FRENCH_ADDRESS = {
  billingName: 'Exemple SARL',
  billingStreet: '1 rue de la Paix',
  billingPostcode: '75002',
  billingCity: 'Paris',
};

describe('checkout decides VAT from the buyer’s country and VAT ID', () => {
  let vies: Awaited<ReturnType<typeof startVies>>;
  let t: TestApp | undefined;
  let validate: ValidateCii;
  before(async () => {
    vies = await startVies();
    validate = await loadCiiValidator();
  });
  after(() => {
    vies.server.closeAllConnections();
    vies.server.close();
  });
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  async function setUp(settings: Partial<TaxSettings> = {}) {
    t = await buildTestApp();
    await setUpStore(t.services);
    await saveTaxSettings(t.services.database.db, { ...SETTINGS, viesUrl: vies.url, ...settings });
    const product = await seedProduct(t.services, { priceMinor: 1200, title: 'Field Guide' });
    return { app: t, product, c: new TestClient(t.app) };
  }

  async function buy(app: TestApp, c: TestClient, productId: string, fields: Record<string, string>) {
    const res = await c.postForm(
      '/checkout',
      { productId, digitalConsent: '1', email: 'buyer@example.com', name: 'Bea', ...fields },
      { formPage: `/checkout?product=${productId}` },
    );
    return { res, order: res.statusCode === 303 ? await latestOrder(app.services) : undefined };
  }

  async function pay(app: TestApp, c: TestClient, res: { headers: Record<string, unknown> }) {
    const payUrl = String(res.headers.location);
    await c.postForm(payUrl, { outcome: 'pay' }, { formPage: payUrl });
    await app.drainJobs();
  }

  const evidenceOf = (o: Order) => JSON.parse(o.tax_evidence ?? '{}') as LocationEvidence;
  const show = (errors: CiiFinding[]) => errors.map((e) => `${e.id}: ${e.text}`).join('\n');

  test('the form offers the countries, preselects the browser’s region and states the VAT in the price', async () => {
    const { app, product } = await setUp();
    const page = await app.app.inject({
      url: `/checkout?product=${product.id}`,
      headers: { 'accept-language': 'de-AT,de;q=0.9' },
    });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<option value="AT" selected>Österreich<\/option>/);
    assert.match(page.body, /<option value="US">Vereinigte Staaten<\/option>/);
    assert.match(page.body, /inkl\. 2,00\s€ MwSt\. \(20 %, Österreich\)/);
    assert.match(page.body, /name="vatId"/);
    const en = await app.app.inject({ url: `/checkout?product=${product.id}`, headers: { 'accept-language': 'en' } });
    assert.match(en.body, /<option value="DE" selected>Germany<\/option>/);
    assert.match(en.body, /incl\. €1\.92 VAT \(19 %, Germany\)/);
  });

  test('a consumer in Austria pays Austrian VAT; the evidence is stored; net revenue shows in analytics', async () => {
    const { app, product, c } = await setUp();
    const { res, order } = await buy(app, c, product.id, { billingCountry: 'AT' });
    assert.equal(res.statusCode, 303);
    assert.ok(order);
    assert.deepEqual(
      [order.total_minor, order.tax_minor, order.tax_scheme, order.tax_country, order.tax_rate_bp],
      [1200, 200, 'oss', 'AT', 2000],
    );
    assert.equal(order.billing_country, 'AT');
    assert.equal(order.buyer_vat_id, null);
    const evidence = evidenceOf(order);
    assert.equal(evidence.billingCountry, 'AT');
    assert.equal(evidence.ip, '127.0.0.1');
    assert.equal(evidence.agree, null, 'no second piece from a request without Accept-Language');
    const item = await app.services.database.db
      .selectFrom('order_items')
      .select('tax_minor')
      .where('order_id', '=', order.id)
      .executeTakeFirstOrThrow();
    assert.equal(item.tax_minor, 200);

    await pay(app, c, res);
    const [inv] = await invoicesOfOrder(app.services.database.db, order.id);
    assert.ok(inv);
    assert.deepEqual(
      [inv.scheme, inv.tax_country, inv.buyer_country, inv.gross_minor, inv.tax_minor],
      ['oss', 'AT', 'AT', 1200, 200],
    );

    const day = await app.services.database.db.selectFrom('daily_sales').selectAll().executeTakeFirstOrThrow();
    assert.deepEqual([day.gross_minor, day.tax_minor, day.refunded_tax_minor].map(Number), [1200, 200, 0]);
    const admin = new TestClient(app.app);
    await admin.login();
    const dash = await admin.get('/admin/analytics?range=30&currency=EUR');
    assert.equal(dash.statusCode, 200);
    assert.match(dash.body, /Revenue net of refunds and VAT<\/div>\s*<div class="n">€10\.00</);
    assert.match(dash.body, /VAT included<\/div>\s*<div class="n">€2\.00</);
    const csv = await admin.get('/admin/analytics/charts/revenue.csv?range=30&currency=EUR');
    assert.equal(csv.statusCode, 200);
    assert.match(csv.body, /Net of refunds and VAT/);
    assert.match(csv.body, /,12\.00,12\.00,10\.00/);
  });

  test('Accept-Language evidence that contradicts the chosen country is recorded; the chosen country decides', async () => {
    const { app, product } = await setUp();
    const c = new TestClient(app.app);
    const csrf = await c.csrfFrom(`/checkout?product=${product.id}`);
    const res = await app.app.inject({
      method: 'POST',
      url: '/checkout',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: c.cookieHeader,
        'accept-language': 'fr-FR,fr;q=0.8',
      },
      payload: new URLSearchParams({
        productId: product.id,
        digitalConsent: '1',
        email: 'buyer@example.com',
        billingCountry: 'AT',
        _csrf: csrf,
      }).toString(),
    });
    assert.equal(res.statusCode, 303);
    const order = await latestOrder(app.services);
    assert.equal(order.tax_country, 'AT');
    const evidence = evidenceOf(order);
    assert.deepEqual([evidence.languageCountry, evidence.agree, evidence.conflicts], ['FR', false, ['language']]);
  });

  test('a buy form without the country field (the product page) falls back to the browser’s region, marked as such', async () => {
    const { app, product } = await setUp();
    const c = new TestClient(app.app);
    const csrf = await c.csrfFrom(`/checkout?product=${product.id}`);
    const res = await app.app.inject({
      method: 'POST',
      url: '/checkout',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: c.cookieHeader,
        'accept-language': 'de-AT',
      },
      payload: new URLSearchParams({
        productId: product.id,
        digitalConsent: '1',
        email: 'buyer@example.com',
        _csrf: csrf,
      }).toString(),
    });
    assert.equal(res.statusCode, 303);
    const order = await latestOrder(app.services);
    assert.deepEqual([order.billing_country, order.tax_country, order.tax_minor], ['AT', 'AT', 200]);
    const evidence = evidenceOf(order);
    assert.deepEqual(
      [evidence.billingCountrySource, evidence.agree],
      ['accept-language', null],
      'a country taken from the browser does not confirm itself',
    );
  });

  test('a German business with a valid VAT ID pays German VAT', async () => {
    const { app, product, c } = await setUp();
    const { res, order } = await buy(app, c, product.id, { billingCountry: 'DE', vatId: 'DE 136 695 976' });
    assert.equal(res.statusCode, 303);
    assert.ok(order);
    assert.deepEqual(
      [order.tax_minor, order.tax_scheme, order.tax_country, order.buyer_vat_id],
      [192, 'domestic', 'DE', 'DE136695976'],
    );
    assert.equal(evidenceOf(order).vatIdCountry, 'DE');
    const check = await app.services.database.db
      .selectFrom('vies_checks')
      .selectAll()
      .where('id', '=', order.vies_check_id ?? '')
      .executeTakeFirstOrThrow();
    assert.deepEqual([check.status, check.consultation_number], ['valid', 'WAPI136695976']);
  });

  test('a French business with a valid VAT ID gets the reverse charge; the invoice says so', async () => {
    const { app, product, c } = await setUp();
    const { res, order } = await buy(app, c, product.id, {
      billingCountry: 'FR',
      vatId: 'FR40303265045',
      ...FRENCH_ADDRESS,
    });
    assert.equal(res.statusCode, 303);
    assert.ok(order);
    assert.deepEqual(
      [order.total_minor, order.tax_minor, order.tax_scheme, order.tax_rate_bp, order.buyer_vat_id],
      [1200, 0, 'reverse_charge', 0, 'FR40303265045'],
    );
    await pay(app, c, res);
    const [inv] = await invoicesOfOrder(app.services.database.db, order.id);
    assert.ok(inv);
    assert.deepEqual(
      [inv.scheme, inv.buyer_vat_id, inv.tax_minor, inv.net_minor],
      ['reverse_charge', 'FR40303265045', 0, 1200],
    );
    const buyer = JSON.parse(inv.buyer) as { name: string; street: string; city: string };
    assert.deepEqual([buyer.name, buyer.street, buyer.city], ['Exemple SARL', '1 rue de la Paix', 'Paris']);
    const xml = buildCiiXml(inv);
    assert.match(xml, /Reverse charge: VAT to be accounted for by the recipient/);
    assert.match(xml, /VATEX-EU-AE/);
    const r = validate(xml);
    assert.equal(r.valid, true, show(r.errors));
    const thanks = await c.get(`/checkout/orders/${order.id}?k=${order.access_key}`);
    assert.match(thanks.body, /No VAT was charged: reverse charge, VAT ID FR40303265045/);
  });

  test('wrong VAT IDs and unknown countries are form errors, never a 500; nothing is ordered', async () => {
    const { app, product, c } = await setUp();
    const cases: [Record<string, string>, RegExp][] = [
      [{ billingCountry: 'FR', vatId: 'FR32123456789' }, /The EU VAT register \(VIES\) does not know this VAT ID/],
      [{ billingCountry: 'DE', vatId: 'DE136695977' }, /This is not a valid VAT ID/],
      [{ billingCountry: 'AT', vatId: 'DE136695976' }, /The VAT ID belongs to another country/],
      [{ billingCountry: 'XX' }, /Please choose a country from the list/],
      [{ billingCountry: 'UK' }, /Please choose a country from the list/],
      [{ billingCountry: '<script>' }, /Please choose a country from the list/],
    ];
    for (const [fields, message] of cases) {
      const { res } = await buy(app, c, product.id, fields);
      assert.equal(res.statusCode, 400, JSON.stringify(fields));
      assert.match(res.body, message);
      assert.match(res.body, /aria-invalid="true"/);
    }
    const orders = await app.services.database.db.selectFrom('orders').select('id').execute();
    assert.equal(orders.length, 0);
    assert.ok(!vies.asked.includes('DE136695977'), 'a malformed ID never reaches VIES');
  });

  test('a business invoice above 250 EUR needs the billing address', async () => {
    const { app, c } = await setUp();
    const product = await seedProduct(app.services, { priceMinor: 30000 });
    const { res } = await buy(app, c, product.id, { billingCountry: 'FR', vatId: 'FR40303265045' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /please give name, street, postcode and city/);
    const ok = await buy(app, c, product.id, { billingCountry: 'FR', vatId: 'FR40303265045', ...FRENCH_ADDRESS });
    assert.equal(ok.res.statusCode, 303);
    assert.equal(ok.order?.tax_scheme, 'reverse_charge');
  });

  test('VIES unreachable: VAT is charged and the buyer is told', async () => {
    const { app, product, c } = await setUp();
    const { res, order } = await buy(app, c, product.id, { billingCountry: 'AT', vatId: 'ATU13585627' });
    assert.equal(res.statusCode, 303);
    assert.ok(order);
    assert.deepEqual([order.tax_scheme, order.tax_minor, order.buyer_vat_id], ['oss', 200, null]);
    assert.equal(evidenceOf(order).vatIdUnverified, 'ATU13585627');
    const thanks = await c.get(`/checkout/orders/${order.id}?k=${order.access_key}`);
    assert.match(thanks.body, /Your VAT ID ATU13585627 could not be checked/);
  });

  test('outside the EU no VAT is charged', async () => {
    const { app, product, c } = await setUp();
    const { order } = await buy(app, c, product.id, { billingCountry: 'US' });
    assert.deepEqual([order?.tax_scheme, order?.tax_minor], ['non_eu', 0]);
  });

  test('a pay-what-you-want price is taxed on what the buyer pays', async () => {
    const { app, c } = await setUp();
    const product = await seedProduct(app.services, { pricing: 'pwyw', minMinor: 500, suggestedMinor: 1000 });
    const { res, order } = await buy(app, c, product.id, { billingCountry: 'AT', amount: '24' });
    assert.equal(res.statusCode, 303);
    assert.deepEqual([order?.total_minor, order?.tax_minor, order?.tax_rate_bp], [2400, 400, 2000]);
  });

  test('small business (§ 19 UStG): no VAT at home, said so on the page; a business abroad still gets the reverse charge', async () => {
    const { app, product, c } = await setUp({ mode: 'small_business', vatId: '' });
    const page = await c.get(`/checkout?product=${product.id}`);
    assert.match(page.body, /No VAT is charged \(§ 19 UStG\)/);
    const home = await buy(app, c, product.id, { billingCountry: 'DE' });
    assert.deepEqual(
      [home.order?.tax_scheme, home.order?.tax_mode, home.order?.tax_minor],
      ['small_business', 'small_business', 0],
    );
    const abroad = await buy(app, c, product.id, { billingCountry: 'FR', vatId: 'FR40303265045' });
    assert.deepEqual([abroad.order?.tax_scheme, abroad.order?.tax_minor], ['reverse_charge', 0]);
  });

  test('a store without tax settings still sells; old forms without a country keep working', async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    const product = await seedProduct(t.services, { priceMinor: 1900 });
    const c = new TestClient(t.app);
    const page = await c.get(`/checkout?product=${product.id}`);
    assert.doesNotMatch(page.body, /name="vatId"/);
    const { res, order } = await buy(t, c, product.id, {});
    assert.equal(res.statusCode, 303);
    assert.deepEqual([order?.billing_country, order?.tax_scheme, order?.tax_minor], ['DE', null, 0]);
  });
});
