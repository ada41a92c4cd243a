import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { translator } from '../../web/messages.js';
import { loadAnalytics } from './dashboard-data.js';
import { rebuildSalesAggregates } from './rebuild-aggregates.js';
import { syncOrderAnalytics } from './record-sale.js';
import { buildReport } from './report.js';
import { countrySales, seedOrder, seedProduct } from './testing.js';

describe('sales per country', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
  });
  after(() => t.close());
  const db = () => t.services.database.db;

  beforeEach(async () => {
    const tables = [
      'daily_sales',
      'daily_product_sales',
      'daily_country_sales',
      'analytics_orders',
      'analytics_customers',
    ] as const;
    for (const table of tables) await db().deleteFrom(table).execute();
    await db().deleteFrom('orders').execute();
  });

  const sync = (id: string, now?: Date) =>
    db()
      .transaction()
      .execute((trx) => syncOrderAnalytics(trx, id, now));
  /** Paid at `at`, counted (twice: a repeated notification must add nothing). */
  async function pay(id: string, at: string) {
    await db()
      .updateTable('orders')
      .set({ status: 'paid', paid_at: at, updated_at: at })
      .where('id', '=', id)
      .execute();
    await sync(id);
    await sync(id);
  }
  /** Refunded up to `minor` at `at` (all of it: the order is refunded), counted twice. */
  async function refund(id: string, minor: number, at: string, full = false) {
    await db()
      .updateTable('orders')
      .set({ refunded_minor: minor, updated_at: at, ...(full ? { status: 'refunded', refunded_at: at } : {}) })
      .where('id', '=', id)
      .execute();
    await sync(id, new Date(at));
    await sync(id, new Date(at));
  }
  /** The per-country sums added up per day, in daily_sales' shape: both tables must always agree. */
  async function perDay() {
    const days = new Map<string, number[]>();
    for (const r of await countrySales(db())) {
      const v = days.get(`${r[0]}|${r[2]}`) ?? [0, 0, 0, 0, 0, 0];
      r.slice(3).forEach((x, i) => {
        v[i] = (v[i] ?? 0) + Number(x);
      });
      days.set(`${r[0]}|${r[2]}`, v);
    }
    const sales = await db().selectFrom('daily_sales').selectAll().orderBy('day').orderBy('currency').execute();
    return {
      countries: [...days].sort(([a], [b]) => a.localeCompare(b)),
      sales: sales.map((s) => [
        `${s.day}|${s.currency}`,
        [s.gross_minor, s.refunded_minor, s.tax_minor, s.refunded_tax_minor, s.orders, s.refunds].map(Number),
      ]),
    };
  }

  test('each sale counts under its billing country on its local paid day, refunds on their day with VAT in proportion; repeats add nothing; the recount agrees', async () => {
    const product = await seedProduct(db());
    const de1 = await seedOrder(db(), product, { totalMinor: 1190, taxMinor: 190, billingCountry: 'DE' });
    const de2 = await seedOrder(db(), product, { totalMinor: 2380, taxMinor: 380, billingCountry: 'DE' });
    const us = await seedOrder(db(), product, { totalMinor: 5000, billingCountry: 'US' });
    const none = await seedOrder(db(), product, { totalMinor: 1000 }); // from before checkout asked
    await pay(de1, '2026-03-10T10:00:00.000Z');
    await pay(de2, '2026-03-10T12:00:00.000Z');
    await pay(us, '2026-03-11T09:00:00.000Z');
    await pay(none, '2026-03-11T23:30:00.000Z'); // 00:30 on 12 March in Berlin
    await refund(de2, 1000, '2026-03-13T08:00:00.000Z');

    const partial = await countrySales(db());
    assert.deepEqual(partial, [
      ['2026-03-10', 'DE', 'EUR', 3570, 0, 570, 0, 2, 0],
      ['2026-03-11', 'US', 'EUR', 5000, 0, 0, 0, 1, 0],
      ['2026-03-12', 'ZZ', 'EUR', 1000, 0, 0, 0, 1, 0],
      ['2026-03-13', 'DE', 'EUR', 0, 1000, 0, 159, 0, 1], // floor(380 × 1000 / 2380)
    ]);
    const ledger = await db().selectFrom('analytics_orders').select(['order_id', 'counted_country']).execute();
    assert.deepEqual(
      new Map(ledger.map((l) => [l.order_id, l.counted_country])),
      new Map([
        [de1, 'DE'],
        [de2, 'DE'],
        [us, 'US'],
        [none, 'ZZ'],
      ]),
    );
    const totals = await perDay();
    assert.deepEqual(totals.countries, totals.sales);
    await rebuildSalesAggregates(db(), t.services.database.dialect);
    assert.deepEqual(await countrySales(db()), partial);
    assert.deepEqual(await perDay(), totals);
    const rebuilt = await db().selectFrom('analytics_orders').select(['order_id', 'counted_country']).execute();
    assert.deepEqual(
      new Map(rebuilt.map((l) => [l.order_id, l.counted_country])),
      new Map(ledger.map((l) => [l.order_id, l.counted_country])),
    );

    // The rest refunded later: the difference on that day, under the sale's country.
    await refund(de2, 2380, '2026-03-15T08:00:00.000Z', true);
    assert.deepEqual((await countrySales(db())).slice(4), [['2026-03-15', 'DE', 'EUR', 0, 1380, 0, 221, 0, 0]]);
    const full = await perDay();
    assert.deepEqual(full.countries, full.sales);
  });

  test('the report: highest net first, countries named in the reader’s language, EU and non-EU totals', async () => {
    const product = await seedProduct(db());
    const seed = async (billingCountry: string | null, totalMinor: number, taxMinor = 0) => {
      const id = await seedOrder(db(), product, { totalMinor, taxMinor, billingCountry });
      await pay(id, new Date(Date.now() - 2 * 86_400_000).toISOString());
      return id;
    };
    await seed('DE', 11900, 1900);
    await seed('AT', 1200, 200);
    const big = await seed('US', 20000);
    await seed(null, 500);
    await refund(big, 15000, new Date(Date.now() - 86_400_000).toISOString());
    const data = await loadAnalytics(db(), { currency: 'EUR', range: '30' });
    const r = buildReport(data, data.period, translator('de'), 'de').countries;
    assert.deepEqual(
      r.rows.map((x) => [x.name, x.code, x.region, x.orders, x.gross, x.refunded, x.vat, x.net]),
      [
        ['Deutschland', 'DE', 'eu', 1, 11900, 0, 1900, 10000],
        ['Vereinigte Staaten', 'US', 'nonEu', 1, 20000, 15000, 0, 5000],
        ['Österreich', 'AT', 'eu', 1, 1200, 0, 200, 1000],
        ['Unbekannt', 'ZZ', 'unknown', 1, 500, 0, 0, 500],
      ],
    );
    assert.deepEqual(r.regions, {
      eu: { orders: 2, net: 11000 },
      nonEu: { orders: 1, net: 5000 },
      unknown: { orders: 1, net: 500 },
    });
    assert.equal(r.uncounted, 0);
    const en = buildReport(data, data.period, translator('en'), 'en').countries;
    assert.deepEqual(
      en.rows.map((x) => x.name),
      ['Germany', 'United States', 'Austria', 'Unknown'],
    );
    // Another currency: nothing of these.
    const usd = await loadAnalytics(db(), { currency: 'USD', range: '30' });
    assert.deepEqual(buildReport(usd, usd.period, translator('en'), 'en').countries.rows, []);
  });

  test('sales counted before the country sums existed: their refunds stay out, the page says how many are missing, a recount fills them in', async () => {
    const product = await seedProduct(db());
    const id = await seedOrder(db(), product, { totalMinor: 3000, taxMinor: 479, billingCountry: 'FR' });
    await pay(id, new Date(Date.now() - 3 * 86_400_000).toISOString());
    // As an order counted by an earlier version left it: in daily_sales, not in the country sums.
    await db().deleteFrom('daily_country_sales').execute();
    await db().updateTable('analytics_orders').set({ counted_country: null }).where('order_id', '=', id).execute();
    await refund(id, 1000, new Date(Date.now() - 86_400_000).toISOString());
    assert.deepEqual(await countrySales(db()), []);
    const show = async () => {
      const data = await loadAnalytics(db(), { currency: 'EUR', range: '30' });
      return buildReport(data, data.period, translator('en'), 'en').countries;
    };
    assert.deepEqual([(await show()).uncounted, (await show()).rows.length], [1, 0]);
    const c = new TestClient(t.app);
    await c.login();
    const page = await c.get('/admin/analytics/countries?range=30');
    assert.match(page.body, /1 order of this period was counted before sales were kept per country/);
    await rebuildSalesAggregates(db(), t.services.database.dialect);
    const after = await show();
    assert.equal(after.uncounted, 0);
    assert.deepEqual(
      after.rows.map((x) => [x.code, x.gross, x.refunded, x.vat]),
      [['FR', 3000, 1000, 479 - 159]], // floor(479 × 1000 / 3000) of VAT refunded
    );
  });

  test('the dashboard shows the countries in English and German, with a bar chart, its table and CSV', async () => {
    const product = await seedProduct(db(), { title: 'Atlas' });
    const when = new Date(Date.now() - 86_400_000).toISOString();
    for (const [country, total, tax] of [
      ['DE', 2380, 380],
      ['DE', 1190, 190],
      ['CH', 5000, 0],
      [null, 700, 0],
    ] as const) {
      const id = await seedOrder(db(), product, { totalMinor: total, taxMinor: tax, billingCountry: country });
      await pay(id, when);
      if (country === 'CH') await refund(id, 1000, when);
    }
    const c = new TestClient(t.app);
    await c.login();
    const en = await c.get('/admin/analytics/countries?range=30');
    assert.equal(en.statusCode, 200);
    assert.match(en.body, /<h2 id="countries">Countries<\/h2>/);
    // The country table (before the chart, whose own table view repeats the figures without codes).
    const table = en.body.slice(en.body.indexOf('id="countries"'), en.body.indexOf('countries-t'));
    const rows = [
      ...table.matchAll(
        /<tr><th scope="row">([^<]+)(?:<span class="muted"> \((\w\w)\)<\/span>)?<\/th>((?:<td>[^<]*<\/td>){5})<\/tr>/g,
      ),
    ].map((m) => [
      m[1],
      m[2],
      (m[3] ?? '')
        .replace(/<\/?td>/g, ' ')
        .trim()
        .split(/\s+/),
    ]);
    assert.deepEqual(rows, [
      ['Switzerland', 'CH', ['1', '€50.00', '€10.00', '€0.00', '€40.00']],
      ['Germany', 'DE', ['2', '€35.70', '€0.00', '€5.70', '€30.00']],
      ['Unknown', undefined, ['1', '€7.00', '€0.00', '€0.00', '€7.00']],
    ]);
    assert.match(en.body, /<div class="l">EU<\/div><div class="n">€30\.00 net · 2 orders<\/div>/);
    assert.match(en.body, /<div class="l">Outside the EU<\/div><div class="n">€40\.00 net · 1 order<\/div>/);
    assert.match(en.body, /<div class="l">Country unknown<\/div><div class="n">€7\.00 net · 1 order<\/div>/);
    assert.match(en.body, /Unknown: orders from before checkout asked for the billing country\./);
    assert.match(en.body, /<title id="countries-t">Net revenue per country<\/title>/);
    assert.match(en.body, /<title>Switzerland: Net of refunds and VAT €40\.00<\/title>/);
    assert.match(en.body, /href="\/admin\/analytics\/charts\/countries\.csv\?range=30&amp;currency=EUR"/);
    assert.doesNotMatch(en.body, /of this period (were|was) counted before/);

    const de = await c.get('/admin/analytics/countries?range=30', { cookie: `${c.cookieHeader}; vf_lang=de` });
    assert.match(de.body, /<h2 id="countries">Länder<\/h2>/);
    assert.match(
      de.body,
      /<th scope="row">Schweiz<span class="muted"> \(CH\)<\/span><\/th><td>1<\/td><td>50,00\s€<\/td>/,
    );
    assert.match(de.body, /<th scope="row">Deutschland<span class="muted"> \(DE\)<\/span><\/th>/);
    assert.match(de.body, /<th scope="row">Unbekannt<\/th>/);
    assert.match(de.body, /<div class="l">Außerhalb der EU<\/div><div class="n">40,00\s€ netto · 1 Bestellung<\/div>/);
    assert.match(de.body, /<title id="countries-t">Nettoumsatz je Land<\/title>/);

    const csv = await c.get('/admin/analytics/charts/countries.csv?range=30&currency=EUR');
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    assert.equal(
      csv.body,
      'Country,Orders,Gross (EUR),Refunds (EUR),VAT (EUR),Net of refunds and VAT (EUR)\r\n' +
        'Switzerland,1,50.00,10.00,0.00,40.00\r\n' +
        'Germany,2,35.70,0.00,5.70,30.00\r\n' +
        'Unknown,1,7.00,0.00,0.00,7.00\r\n',
    );
    const deCsv = await c.get('/admin/analytics/charts/countries.csv?range=30', {
      cookie: `${c.cookieHeader}; vf_lang=de`,
    });
    assert.match(deCsv.body, /^Land,Bestellungen,Brutto \(EUR\),/);
    assert.match(deCsv.body, /\r\nSchweiz,1,50\.00,10\.00,0\.00,40\.00\r\n/);
    // Bad query values fall back (period 90 days, the store's currency); another currency has no rows.
    const fallback = await c.get('/admin/analytics/charts/countries.csv?range=7&currency=eur');
    assert.equal(fallback.statusCode, 200);
    assert.match(fallback.body, /\r\nSwitzerland,1,50\.00/);
    const usd = await c.get('/admin/analytics/charts/countries.csv?range=30&currency=USD');
    assert.equal(usd.body, 'Country,Orders,Gross (USD),Refunds (USD),VAT (USD),Net of refunds and VAT (USD)\r\n');
    const page = await c.get('/admin/analytics/countries?range=30&currency=USD');
    assert.match(page.body, /<p class="empty">No sales in this period\.<\/p>/);
  });
});
