import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { rebuildSalesAggregates } from './rebuild-aggregates.js';
import { flushProductViews } from './record-visit.js';
import { seedOrder, seedProduct } from './testing.js';

const UA = 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0';

describe('leverage pages and view counting', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
  });
  after(() => t.close());

  test('product views: one per visitor per day, no IP address stored, bots ignored, referrer host only', async () => {
    const { db } = t.services.database;
    const id = await seedProduct(db, { title: 'Counted Guide' });
    const product = await db.selectFrom('products').select('slug').where('id', '=', id).executeTakeFirstOrThrow();
    const view = (headers: Record<string, string>, query = '') =>
      t.app.inject({ method: 'GET', url: `/p/${product.slug}${query}`, remoteAddress: '203.0.113.77', headers });
    assert.equal(
      (await view({ 'user-agent': UA, referer: 'https://www.example.org/some/secret/path' })).statusCode,
      200,
    );
    await view({ 'user-agent': UA });
    await view({ 'user-agent': UA }, '?utm_source=newsletter&utm_campaign=spring');
    await view({ 'user-agent': `${UA} other` }, '?utm_source=newsletter&utm_campaign=spring');
    await view({ 'user-agent': 'Googlebot/2.1' });
    await flushProductViews(t.services); // views are written in batches (visit-counter.ts)
    const rows = await db
      .selectFrom('daily_views')
      .selectAll()
      .where('product_id', '=', id)
      .orderBy('referrer')
      .execute();
    assert.deepEqual(
      rows.map((r) => [r.referrer, r.campaign, Number(r.visitors)]),
      [
        ['example.org', '', 1],
        ['newsletter', 'spring', 1],
      ],
    );
    const seen = await db.selectFrom('analytics_seen').selectAll().execute();
    const settings = await db.selectFrom('settings').selectAll().execute();
    for (const text of [JSON.stringify(seen), JSON.stringify(settings), JSON.stringify(rows)]) {
      assert.ok(!text.includes('203.0.113.77'), 'no IP address stored');
    }
    assert.equal(seen.filter((s) => s.product_id === id && s.kind === 'view').length, 2);
  });

  test('the dashboard renders charts, tables and forms with CSRF; CSV export of a chart', async () => {
    const { db } = t.services.database;
    const productId = await seedProduct(db, { title: 'Pattern Book', priceMinor: 2000 });
    const orderId = await seedOrder(db, productId, { totalMinor: 2000 });
    const paidAt = new Date().toISOString();
    await db.updateTable('orders').set({ status: 'paid', paid_at: paidAt }).where('id', '=', orderId).execute();
    await rebuildSalesAggregates(db, t.services.database.dialect);
    const c = new TestClient(t.app);
    await c.login();
    let r = await c.postForm(
      '/admin/analytics/effort',
      { productId, day: '2026-01-05', hours: '2', category: 'creation', note: '' },
      { formPage: '/admin/analytics/effort' },
    );
    assert.equal(r.statusCode, 303);
    r = await c.postForm(
      '/admin/analytics/settings',
      { rate: '80', timeZone: 'Europe/Berlin', weekly: '1' },
      { formPage: '/admin/analytics/effort' },
    );
    assert.equal(r.headers.location, '/admin/analytics/effort?ok=1');
    r = await c.postForm(
      '/admin/analytics/client-work/import',
      { csv: '2026-01-06;8;640,00;Workshop\nbad line' },
      { formPage: '/admin/analytics/effort' },
    );
    const effort = await c.get(r.headers.location as string);
    assert.match(
      effort.body,
      /1 entry imported\. 1 line not imported \(numbered as in the file, the header line counted\): line 2: the date is not a date that exists\./,
    );
    assert.match(effort.body, /name="_csrf" value="[^"]+"/);
    assert.equal(
      (
        await c.postForm(
          '/admin/analytics/leave',
          { startDay: '2026-02-01', endDay: '2026-02-07', kind: 'holiday', note: '' },
          { csrf: null },
        )
      ).statusCode,
      403,
    );
    r = await c.postForm(
      '/admin/analytics/leave',
      { startDay: '2026-02-01', endDay: '2026-02-07', kind: 'holiday', note: '' },
      { formPage: '/admin/analytics/effort' },
    );
    assert.equal(r.statusCode, 303);

    // The overview: the answer in one sentence, the article's picture, the hourly rates.
    const page = await c.get('/admin/analytics?range=30');
    assert.equal(page.statusCode, 200);
    assert.match(
      page.body,
      /<p class="lead">An hour of your product work has earned €10\.00 so far, an hour of client work €80\.00\.<\/p>/,
    );
    assert.match(page.body, /<svg [^>]*class="chart chart-wide"[^>]*role="img"/);
    assert.match(
      page.body,
      /<svg [^>]*class="chart chart-narrow"[^>]*role="img" aria-labelledby="leverage-t leverage-d"/,
    );
    assert.match(page.body, /<title id="leverage-t">Income and hours over time: 1:1 and 1:n<\/title>/);
    assert.match(page.body, /1:n \(products\): €10\.00 per hour/); // €20 net / 2 h
    assert.match(page.body, /1:1 \(client work\): €80\.00 per hour/);
    // Axes in the reader's language: dates as "Jan 5" (weeks) or "Jan 2026" (months), never ISO.
    assert.match(page.body, /<text [^>]*>(Jan 5|Jan 2026)<\/text>/);
    assert.doesNotMatch(page.body, /<text [^>]*>\d{4}-\d\d(-\d\d)?<\/text>/);
    assert.match(page.body, /<text [^>]*>€0<\/text>/);
    // Time off is shaded on the picture, named in it and in the legend, its days said below it.
    assert.match(page.body, /<text [^>]*>Holiday<\/text>/);
    assert.match(page.body, /<li><svg class="key"[^>]*>.*?<\/svg>Time off \(shaded\)<\/li>/);
    assert.match(
      page.body,
      /<figcaption class="muted chart-note">Shaded: Holiday 1 Feb 2026 – 7 Feb 2026\.<\/figcaption>/,
    );
    // The recount form lives on the effort page now.
    assert.match(effort.body, /action="\/admin\/analytics\/rebuild"[^>]*>\s*<input type="hidden" name="_csrf"/);

    const countries = await c.get('/admin/analytics/countries?range=30');
    assert.match(countries.body, /<th scope="row">Unknown<\/th><td>1<\/td>/); // an order without a billing country
    const members = await c.get('/admin/analytics/members?range=30');
    assert.match(members.body, /appear here once you sell memberships/);

    // Products: the chart's table view holds its numbers; a tooltip (<title>) names bar and value.
    const products = await c.get('/admin/analytics/products?range=30');
    assert.match(products.body, /<th scope="row">Pattern Book<\/th><td class="num">€10\.00<\/td>/);
    assert.match(products.body, /<title>Pattern Book: Per hour €10\.00<\/title>/);
    assert.match(products.body, /<text [^>]*>1:1 rate: €80\.00<\/text>/);

    // The CSP allows no inline styles: no style attribute or element on any tab (ECharts' are rewritten).
    for (const tab of [page, countries, members, products, await c.get('/admin/analytics/sales?range=30')]) {
      assert.equal(tab.statusCode, 200);
      assert.doesNotMatch(tab.body, /style="|<style/);
    }

    const whatIf = await c.get(`/admin/analytics/products?product=${productId}&price=30&change=-50`);
    assert.match(whatIf.body, /Projected: 1 sold, €30\.00 instead of €20\.00 \(\+€10\.00\)/);

    const csv = await c.get('/admin/analytics/charts/products.csv?range=30');
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    assert.equal(csv.body, 'Product,Per hour (EUR)\r\nPattern Book,10.00\r\n');

    const de = await c.get('/admin/analytics', { cookie: `${c.cookieHeader}; vf_lang=de` });
    assert.match(de.body, /Hebelwirkung: 1:n gegenüber 1:1/);
    assert.match(
      de.body,
      /Eine Stunde Arbeit an Ihren Produkten hat bisher 10,00\s€ eingebracht, eine Stunde Kundenarbeit 80,00\s€\./,
    );
    assert.match(de.body, /<text [^>]*>(5\. Jan\.|Jan\. 2026)<\/text>/);
    assert.match(de.body, /<text [^>]*>0\s€<\/text>/);
    assert.doesNotMatch(de.body, /\. pro Stunde|um ihn zu sehen/); // no sentence glued from pieces
  });
});

describe('the leverage pages of an empty store', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
  });
  after(() => t.close());

  test('explain what will appear instead of drawing empty axes', async () => {
    const c = new TestClient(t.app);
    await c.login();
    const overview = await c.get('/admin/analytics');
    assert.equal(overview.statusCode, 200);
    assert.match(overview.body, /<p class="lead">Nothing to compare yet\. Once you sell products/);
    assert.match(overview.body, /<p class="empty">No income and no recorded hours yet, so there is nothing to draw\./);
    assert.match(overview.body, /href="\/admin\/analytics\/effort">Record hours and 1:1 work</);
    const tabs = {
      sales: /No sales in this period\./,
      products: /No product has recorded hours yet\./,
      countries: /No sales in this period\./,
      members: /appear here once you sell memberships/,
    };
    for (const [tab, text] of Object.entries(tabs)) {
      const page = await c.get(`/admin/analytics/${tab}`);
      assert.equal(page.statusCode, 200, tab);
      assert.match(page.body, text, tab);
      assert.doesNotMatch(page.body, /<svg [^>]*class="chart /, tab);
    }
    for (const page of [overview, await c.get('/admin/analytics/sales')])
      assert.doesNotMatch(page.body, /<svg [^>]*class="chart /);
    const de = await c.get('/admin/analytics', { cookie: `${c.cookieHeader}; vf_lang=de` });
    assert.match(de.body, /Noch gibt es nichts zu vergleichen\./);
    assert.match(de.body, /Noch keine Einnahmen und keine erfassten Stunden, daher gibt es nichts zu zeichnen\./);
    // A missing rate is its own sentence, not "Erfassen Sie Ihre Stunden, um ihn zu sehen. pro Stunde".
    assert.match(de.body, /<li>1:n \(Produkte\): noch keine Stunden erfasst<\/li>/);
    assert.doesNotMatch(de.body, /\. pro Stunde|um ihn zu sehen/);
  });
});
