import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { allCustomers, CUSTOMERS_PAGE_SIZE } from './customers.js';
import { seedCustomer, seedOrder, seedProduct } from './testing.js';

/** Customer links in the list, in page order. */
function listed(html: string): string[] {
  return [...html.matchAll(/<th scope="row"><a href="\/admin\/customers\/[0-9a-f-]+">([^<]+)<\/a>/g)].map((m) => m[1]!);
}

function csvRows(body: string): string[][] {
  // Test data has no quoted commas except where noted; split is enough here.
  return body
    .replace(/^\ufeff/, '')
    .trimEnd()
    .split('\r\n')
    .map((l) => l.split(','));
}

describe('admin customers', () => {
  let t: TestApp;
  let admin: TestClient;
  let anna: { id: string; email: string; name: string };
  let bob: { id: string; email: string; name: string };
  const db = () => t.services.database.db;

  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    admin = new TestClient(t.app);
    await admin.login();
    const guide = await seedProduct(db(), { title: 'Field Guide', priceMinor: 1999 });
    const pack = await seedProduct(db(), { title: 'Sketch Pack', priceMinor: 500 });
    const dollars = await seedProduct(db(), { title: 'Dollar Zine', currency: 'USD', priceMinor: 1000 });
    anna = await seedCustomer(db(), {
      email: 'anna@example.com',
      name: 'Anna Schmidt',
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    bob = await seedCustomer(db(), { email: 'bob@example.com', name: '', createdAt: '2026-01-02T00:00:00.000Z' });
    await seedCustomer(db(), { email: 'carol@example.com', name: '@SUM(A1)', createdAt: '2026-01-03T00:00:00.000Z' });
    // Anna: a partly refunded order, a paid one, a fully refunded one, a dollar one and an abandoned checkout.
    await seedOrder(db(), {
      customer: anna,
      items: [{ product: guide }],
      status: 'paid',
      refundedMinor: 300,
      createdAt: '2026-02-01T10:00:00.000Z',
      number: 'A-1',
    });
    await seedOrder(db(), {
      customer: anna,
      items: [{ product: pack }],
      createdAt: '2026-02-10T10:00:00.000Z',
      number: 'A-2',
    });
    await seedOrder(db(), {
      customer: anna,
      items: [{ product: guide }],
      status: 'refunded',
      createdAt: '2026-02-15T10:00:00.000Z',
      number: 'A-3',
    });
    await seedOrder(db(), {
      customer: anna,
      items: [{ product: dollars }],
      currency: 'USD',
      createdAt: '2026-03-01T10:00:00.000Z',
      number: 'A-4',
    });
    await seedOrder(db(), {
      customer: anna,
      items: [{ product: pack }],
      status: 'pending',
      createdAt: '2026-04-01T10:00:00.000Z',
      number: 'A-5',
    });
    await seedOrder(db(), {
      customer: bob,
      items: [{ product: pack }],
      status: 'expired',
      createdAt: '2026-02-20T10:00:00.000Z',
      number: 'B-1',
    });
  });
  after(() => t.close());

  test('lists customers newest first with bought orders, net value per currency, first and last order', async () => {
    const res = await admin.get('/admin/customers');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<h1>Customers<\/h1>/);
    assert.deepEqual(listed(res.body), ['@SUM(A1)', 'bob@example.com', 'Anna Schmidt']);
    for (const col of ['Customer', 'Orders', 'Lifetime value', 'First order', 'Last order']) {
      assert.match(res.body, new RegExp(`<th scope="col"[^>]*>${col}</th>`), col);
    }
    const annaRow = /Anna Schmidt<\/a>[\s\S]*?<\/tr>/.exec(res.body)?.[0] ?? '';
    assert.match(annaRow, /<td class="num">4<\/td>/, 'paid and refunded orders count; the abandoned one does not');
    // 19.99 - 3.00 + 5.00 + (19.99 - 19.99) = 21.99 EUR; 10.00 USD.
    assert.match(annaRow, /<li>€21\.99<\/li><li>US\$10\.00<\/li>/);
    assert.match(annaRow, /<time datetime="2026-02-01T10:00:00\.000Z">/);
    assert.match(annaRow, /<time datetime="2026-03-01T10:00:00\.000Z">/);
    const bobRow = /bob@example\.com<\/a>[\s\S]*?<\/tr>/.exec(res.body)?.[0] ?? '';
    assert.match(bobRow, /<td class="num">0<\/td>/);
    assert.match(bobRow, /<span class="muted">–<\/span>/);
  });

  test('searches email and name in any case; wildcards are literal', async () => {
    const q = async (s: string) => listed((await admin.get(`/admin/customers?q=${encodeURIComponent(s)}`)).body);
    assert.deepEqual(await q('SCHMIDT'), ['Anna Schmidt']);
    assert.deepEqual(await q('Bob@'), ['bob@example.com']);
    assert.deepEqual(await q('example.com'), ['@SUM(A1)', 'bob@example.com', 'Anna Schmidt']);
    assert.deepEqual(await q('%'), []);
    const none = await admin.get('/admin/customers?q=zzz');
    assert.match(none.body, /No customers match this search\./);
    assert.match(none.body, /href="\/admin\/customers\.csv\?q=zzz"/);
  });

  test("a customer's page shows their totals and every order, abandoned ones too", async () => {
    const res = await admin.get(`/admin/customers/${anna.id}`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<h1>Anna Schmidt<\/h1>/);
    assert.match(res.body, /<dt>Orders<\/dt><dd>4<\/dd>/);
    assert.match(res.body, /<li>€21\.99<\/li><li>US\$10\.00<\/li>/);
    const numbers = [
      ...res.body.matchAll(/<th scope="row" class="nowrap"><a href="\/admin\/orders\/[0-9a-f-]+">([^<]+)<\/a>/g),
    ].map((m) => m[1]);
    assert.deepEqual(numbers, ['A-5', 'A-4', 'A-3', 'A-2', 'A-1']);
    assert.doesNotMatch(res.body, /<th scope="col">Customer<\/th>/, 'no customer column on their own page');
    assert.match(res.body, /href="\/admin\/orders\?q=anna%40example\.com">Show in the order list</);
    const bobPage = await admin.get(`/admin/customers/${bob.id}`);
    assert.match(bobPage.body, /<h1>bob@example\.com<\/h1>/);
    assert.match(bobPage.body, /B-1/);
  });

  test('exports customers as CSV with one value column per currency, formulas defused', async () => {
    const res = await admin.get('/admin/customers.csv');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'text/csv; charset=utf-8');
    assert.match(
      String(res.headers['content-disposition']),
      /^attachment; filename="customers-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    assert.ok(res.body.startsWith('\ufeff'));
    const rows = csvRows(res.body);
    assert.deepEqual(rows[0], [
      'email',
      'name',
      'customer_since',
      'orders',
      'first_order_at',
      'last_order_at',
      'lifetime_value_EUR',
      'lifetime_value_USD',
    ]);
    assert.deepEqual(rows[1], [
      'carol@example.com',
      "'@SUM(A1)",
      '2026-01-03T00:00:00.000Z',
      '0',
      '',
      '',
      '0.00',
      '0.00',
    ]);
    assert.deepEqual(rows[3], [
      'anna@example.com',
      'Anna Schmidt',
      '2026-01-01T00:00:00.000Z',
      '4',
      '2026-02-01T10:00:00.000Z',
      '2026-03-01T10:00:00.000Z',
      '21.99',
      '10.00',
    ]);
    const filtered = csvRows((await admin.get('/admin/customers.csv?q=bob')).body);
    assert.equal(filtered.length, 2);
    assert.equal(filtered[1]?.[0], 'bob@example.com');
  });

  test('unknown customers are 404, malformed ids 400, visitors go to the login', async () => {
    assert.equal((await admin.get(`/admin/customers/${randomUUID()}`)).statusCode, 404);
    assert.equal((await admin.get('/admin/customers/1')).statusCode, 400);
    assert.equal((await admin.get('/admin/customers?page=-1')).statusCode, 400);
    const anon = new TestClient(t.app);
    for (const url of ['/admin/customers', '/admin/customers.csv', `/admin/customers/${anna.id}`]) {
      const res = await anon.get(url);
      assert.equal(res.statusCode, 303, url);
      assert.equal(res.headers.location, `/admin/login?next=${encodeURIComponent(url)}`);
      assert.doesNotMatch(res.body, /anna@example\.com/);
    }
  });

  test('the pages speak German', async () => {
    const de = { cookie: `${admin.cookieHeader}; vf_lang=de` };
    const res = await admin.get('/admin/customers', de);
    assert.match(res.body, /<h1>Kundschaft<\/h1>/);
    assert.match(res.body, /Umsatz gesamt/);
    assert.match(res.body, /21,99\s€/);
  });
});

describe('admin customers paging', () => {
  let t: TestApp;
  let admin: TestClient;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    admin = new TestClient(t.app);
    await admin.login();
    const start = Date.parse('2026-01-01T00:00:00Z');
    for (let i = 0; i < CUSTOMERS_PAGE_SIZE + 3; i++) {
      await seedCustomer(t.services.database.db, {
        email: `c${String(i).padStart(3, '0')}@example.com`,
        createdAt: new Date(start + i * 1000).toISOString(),
      });
    }
  });
  after(() => t.close());

  test('pages hold a fixed number of customers and keep the search', async () => {
    const first = await admin.get('/admin/customers?q=example');
    assert.equal(listed(first.body).length, CUSTOMERS_PAGE_SIZE);
    assert.match(first.body, /href="\/admin\/customers\?q=example&amp;page=2" rel="next"/);
    const second = await admin.get('/admin/customers?q=example&page=2');
    assert.deepEqual(listed(second.body), ['c002@example.com', 'c001@example.com', 'c000@example.com']);
  });

  test('the export reads every customer once, batch by batch', async () => {
    const seen: string[] = [];
    for await (const rows of allCustomers(t.services.database.db, {}, 7)) seen.push(...rows.map((r) => r.email));
    assert.equal(seen.length, CUSTOMERS_PAGE_SIZE + 3);
    assert.equal(new Set(seen).size, seen.length);
  });
});
