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

    const page = await c.get('/admin/analytics?range=30');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<svg class="chart"[^>]*role="img"/);
    assert.match(page.body, /<title id="leverage-t">Income and hours over time: 1:1 and 1:n<\/title>/);
    assert.match(page.body, /1:n \(products\): €10\.00 per hour/); // €20 net / 2 h
    assert.match(page.body, /1:1 \(client work\): €80\.00 per hour/);
    assert.match(page.body, /<th scope="row">Unknown<\/th><td>1<\/td>/); // an order without a billing country
    assert.match(page.body, /appear here once you sell memberships/);
    assert.doesNotMatch(page.body, /style="/);
    assert.match(page.body, /action="\/admin\/analytics\/rebuild"[^>]*>\s*<input type="hidden" name="_csrf"/);

    const whatIf = await c.get(`/admin/analytics?product=${productId}&price=30&change=-50`);
    assert.match(whatIf.body, /Projected: 1 sold, €30\.00 instead of €20\.00 \(\+€10\.00\)/);

    const csv = await c.get('/admin/analytics/charts/products.csv?range=30');
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    assert.equal(csv.body, 'Product,Per hour (EUR)\r\nPattern Book,10.00\r\n');

    const de = await c.get('/admin/analytics', { cookie: `${c.cookieHeader}; vf_lang=de` });
    assert.match(de.body, /Hebelwirkung: 1:n gegenüber 1:1/);
  });
});
