import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { ordersCsv } from './export-csv.js';
import { ORDERS_PAGE_SIZE } from './list-orders.js';
import { seedCustomer, seedDiscount, seedOrder, seedProduct } from './testing.js';

/** Order numbers in the list, in page order. */
function listed(html: string): string[] {
  return [...html.matchAll(/<th scope="row" class="nowrap"><a href="\/admin\/orders\/[0-9a-f-]+">([^<]+)<\/a>/g)].map(
    (m) => m[1]!,
  );
}

/** A small RFC 4180 reader for checking exports. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (quoted && c === '"') {
      quoted = false;
    } else if (quoted) {
      cell += c;
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      cell += c;
    }
  }
  return rows;
}

describe('admin order list and export', () => {
  let t: TestApp;
  let admin: TestClient;
  let guide: { id: string; title: string; priceMinor: number; currency: string };
  let sketches: { id: string; title: string; priceMinor: number; currency: string };
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    admin = new TestClient(t.app);
    await admin.login();
    const db = t.services.database.db;
    guide = await seedProduct(db, { title: 'Field Guide', priceMinor: 1999 });
    sketches = await seedProduct(db, { title: 'Sketch Pack', priceMinor: 500 });
    const evilProduct = await seedProduct(db, { title: '+SUM(1,2)', priceMinor: 100 });
    const yenProduct = await seedProduct(db, { title: 'Zine', currency: 'JPY', priceMinor: 1500 });
    const anna = await seedCustomer(db, { email: 'anna@example.com', name: 'Anna Schmidt' });
    const bob = await seedCustomer(db, { email: 'bob@example.com', name: 'Bob, the Builder' });
    const evil = await seedCustomer(db, { email: 'evil@example.com', name: '=HYPERLINK("http://evil.example","x")' });
    const percy = await seedCustomer(db, { email: 'percy@example.com', name: 'Percy 100% Sure' });
    const code = await seedDiscount(db, { code: 'SPRING', percent_off: 10 });
    await seedOrder(db, {
      customer: anna,
      items: [{ product: guide }],
      status: 'paid',
      number: '2026-000101',
      createdAt: '2026-03-01T10:00:00.000Z',
      discountMinor: 200,
      discountCodeId: code.id,
    });
    await seedOrder(db, {
      customer: bob,
      items: [{ product: sketches, quantity: 2 }],
      status: 'pending',
      number: '2026-000102',
      createdAt: '2026-03-05T23:30:00.000Z',
      providerRef: null,
    });
    await seedOrder(db, {
      customer: anna,
      items: [{ product: guide }, { product: sketches }],
      status: 'refunded',
      number: '2026-000103',
      createdAt: '2026-03-06T00:30:00.000Z',
    });
    await seedOrder(db, {
      customer: evil,
      items: [{ product: evilProduct }],
      status: 'paid',
      number: '2026-000104',
      createdAt: '2026-03-07T08:00:00.000Z',
    });
    await seedOrder(db, {
      customer: percy,
      items: [{ product: yenProduct }],
      status: 'paid',
      currency: 'JPY',
      number: '2026-000105',
      createdAt: '2026-03-08T08:00:00.000Z',
    });
  });
  after(() => t.close());

  test('lists orders newest first with customer, items, total and status', async () => {
    const res = await admin.get('/admin/orders');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<h1>Orders<\/h1>/);
    assert.deepEqual(listed(res.body), ['2026-000105', '2026-000104', '2026-000103', '2026-000102', '2026-000101']);
    for (const col of ['Order', 'Date', 'Customer', 'Items', 'Total', 'Status']) {
      assert.match(res.body, new RegExp(`<th scope="col"[^>]*>${col}</th>`), col);
    }
    assert.match(res.body, /2 × Sketch Pack/);
    assert.match(res.body, /Field Guide, Sketch Pack/);
    assert.match(res.body, /€17\.99/);
    assert.match(res.body, /¥1,500/);
    assert.match(res.body, /€24\.99 refunded/);
    assert.match(res.body, /class="badge refunded">Refunded</);
    assert.match(res.body, /class="badge pending">Pending</);
    assert.match(res.body, /Bob, the Builder/);
    assert.match(res.body, /=HYPERLINK\(&quot;http:\/\/evil\.example&quot;,&quot;x&quot;\)/, 'escaped on the page');
  });

  test('searches number, email and name, in any case; wildcards are taken literally', async () => {
    const q = async (s: string) => listed((await admin.get(`/admin/orders?q=${encodeURIComponent(s)}`)).body);
    assert.deepEqual(await q('ANNA'), ['2026-000103', '2026-000101']);
    assert.deepEqual(await q('schmidt'), ['2026-000103', '2026-000101']);
    assert.deepEqual(await q('000102'), ['2026-000102']);
    assert.deepEqual(await q('BOB@EXAMPLE'), ['2026-000102']);
    assert.deepEqual(await q('%'), ['2026-000105']);
    assert.deepEqual(await q('_'), []);
    assert.deepEqual(await q('nobody'), []);
    const none = await admin.get('/admin/orders?q=nobody');
    assert.match(none.body, /No orders match these filters\./);
    assert.match(none.body, /<input id="f-q" name="q" type="search" value="nobody"/);
  });

  test('filters by status, product and days, alone and together', async () => {
    const f = async (query: string) => listed((await admin.get(`/admin/orders?${query}`)).body);
    assert.deepEqual(await f('status=paid'), ['2026-000105', '2026-000104', '2026-000101']);
    assert.deepEqual(await f(`product=${sketches.id}`), ['2026-000103', '2026-000102']);
    // Days are the store's (Berlin, UTC+1 in March): 23:30 UTC on 5 March is 00:30 on 6 March there.
    assert.deepEqual(await f('from=2026-03-06'), ['2026-000105', '2026-000104', '2026-000103', '2026-000102']);
    assert.deepEqual(await f('to=2026-03-05'), ['2026-000101']);
    assert.deepEqual(await f('from=2026-03-06&to=2026-03-06'), ['2026-000103', '2026-000102']);
    assert.deepEqual(await f('from=2026-03-05&to=2026-03-05'), []);
    assert.deepEqual(await f(`q=anna&status=refunded&product=${guide.id}`), ['2026-000103']);
    assert.deepEqual(await f('q=&status=&product=&from=&to='), await f(''), 'empty fields filter nothing');

    const page = await admin.get(`/admin/orders?status=paid&product=${guide.id}`);
    assert.match(page.body, /<option value="paid" selected/);
    assert.match(page.body, new RegExp(`<option value="${guide.id}" selected`));
    assert.match(page.body, new RegExp(`href="/admin/orders\\.csv\\?status=paid&amp;product=${guide.id}"`));
  });

  test('malformed filters are a 400, not a crash', async () => {
    for (const q of ['status=bogus', 'product=nope', 'from=2026-02-30', 'to=03/05/2026', 'page=0', 'page=x']) {
      assert.equal((await admin.get(`/admin/orders?${q}`)).statusCode, 400, q);
      if (!q.startsWith('page')) assert.equal((await admin.get(`/admin/orders.csv?${q}`)).statusCode, 400, q);
    }
  });

  test('exports CSV for Excel: BOM, quoting, decimal amounts, ISO times, no formulas', async () => {
    const res = await admin.get('/admin/orders.csv');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'text/csv; charset=utf-8');
    assert.match(String(res.headers['content-disposition']), /^attachment; filename="orders-\d{4}-\d{2}-\d{2}\.csv"$/);
    assert.ok(res.body.startsWith('\ufeffnumber,created_at,'), 'UTF-8 BOM first');
    const rows = parseCsv(res.body.slice(1));
    const header = rows[0]!;
    assert.deepEqual(header, [
      'number',
      'created_at',
      'paid_at',
      'refunded_at',
      'status',
      'email',
      'name',
      'items',
      'currency',
      'subtotal',
      'discount',
      'discount_code',
      'total',
      'refunded',
      'provider',
      'provider_ref',
    ]);
    const byNumber = new Map(rows.slice(1).map((r) => [r[0], Object.fromEntries(header.map((h, i) => [h, r[i]]))]));
    assert.deepEqual(
      rows.slice(1).map((r) => r[0]),
      ['2026-000105', '2026-000104', '2026-000103', '2026-000102', '2026-000101'],
    );
    const first = byNumber.get('2026-000101')!;
    assert.equal(first.created_at, '2026-03-01T10:00:00.000Z');
    assert.equal(first.subtotal, '19.99');
    assert.equal(first.discount, '2.00');
    assert.equal(first.total, '17.99');
    assert.equal(first.refunded, '0.00');
    assert.equal(first.discount_code, 'SPRING');
    assert.equal(first.name, 'Anna Schmidt');
    assert.equal(byNumber.get('2026-000102')?.name, 'Bob, the Builder');
    assert.equal(byNumber.get('2026-000102')?.items, '2 × Sketch Pack');
    assert.equal(byNumber.get('2026-000102')?.paid_at, '');
    assert.equal(byNumber.get('2026-000103')?.items, 'Field Guide; Sketch Pack');
    assert.equal(byNumber.get('2026-000103')?.refunded, '24.99');
    assert.equal(byNumber.get('2026-000105')?.total, '1500');
    assert.equal(byNumber.get('2026-000105')?.currency, 'JPY');
    const evil = byNumber.get('2026-000104')!;
    assert.equal(evil.name, '\'=HYPERLINK("http://evil.example","x")');
    assert.equal(evil.items, "'+SUM(1,2)");
    assert.match(res.body, /"'=HYPERLINK\(""http:\/\/evil\.example"",""x""\)"/);
    for (const r of rows.slice(1)) for (const cell of r) assert.doesNotMatch(cell, /^[=+\-@]/, cell);
  });

  test('the export follows the same filters', async () => {
    const res = await admin.get('/admin/orders.csv?status=paid&from=2026-03-02');
    const rows = parseCsv(res.body.slice(1));
    assert.deepEqual(
      rows.slice(1).map((r) => r[0]),
      ['2026-000105', '2026-000104'],
    );
    const empty = parseCsv((await admin.get('/admin/orders.csv?q=nobody')).body.slice(1));
    assert.equal(empty.length, 1, 'only the header');
  });

  test('unknown orders are 404, malformed ids 400', async () => {
    for (const url of [`/admin/orders/${randomUUID()}`, `/admin/orders/${randomUUID()}/refund`]) {
      assert.equal((await admin.get(url)).statusCode, 404, url);
    }
    for (const url of ['/admin/orders/42', '/admin/orders/x%27--/refund']) {
      assert.equal((await admin.get(url)).statusCode, 400, url);
    }
    const post = await admin.postForm(
      `/admin/orders/${randomUUID()}/refund`,
      { confirm: 'yes' },
      { formPage: '/admin/orders' },
    );
    assert.equal(post.statusCode, 404);
  });

  test('visitors without an admin session are sent to the login', async () => {
    const anon = new TestClient(t.app);
    for (const url of ['/admin/orders', '/admin/orders.csv', '/admin/orders?status=paid']) {
      const res = await anon.get(url);
      assert.equal(res.statusCode, 303, url);
      assert.equal(res.headers.location, `/admin/login?next=${encodeURIComponent(url)}`);
      assert.doesNotMatch(res.body, /anna@example\.com/);
    }
  });

  test('the list speaks German', async () => {
    const res = await admin.get('/admin/orders', { cookie: `${admin.cookieHeader}; vf_lang=de` });
    assert.match(res.body, /<h1>Bestellungen<\/h1>/);
    assert.match(res.body, /class="badge refunded">Erstattet</);
    assert.match(res.body, /17,99\s€/);
  });
});

describe('admin order list paging', () => {
  let t: TestApp;
  let admin: TestClient;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    admin = new TestClient(t.app);
    await admin.login();
    const db = t.services.database.db;
    const product = await seedProduct(db);
    const customer = await seedCustomer(db, { email: 'many@example.com' });
    const start = Date.parse('2026-01-01T00:00:00Z');
    for (let i = 0; i < ORDERS_PAGE_SIZE + 5; i++) {
      await seedOrder(db, {
        customer,
        items: [{ product }],
        number: `2026-${String(i).padStart(6, '0')}`,
        createdAt: new Date(start + i * 60_000).toISOString(),
        status: i % 2 ? 'paid' : 'expired',
      });
    }
  });
  after(() => t.close());

  test('pages hold a fixed number of orders and keep the filters in their links', async () => {
    const first = await admin.get('/admin/orders');
    const rows = listed(first.body);
    assert.equal(rows.length, ORDERS_PAGE_SIZE);
    assert.equal(rows[0], `2026-${String(ORDERS_PAGE_SIZE + 4).padStart(6, '0')}`);
    assert.match(first.body, /href="\/admin\/orders\?page=2" rel="next"/);
    const second = await admin.get('/admin/orders?page=2');
    assert.deepEqual(listed(second.body), ['2026-000004', '2026-000003', '2026-000002', '2026-000001', '2026-000000']);
    assert.match(second.body, /href="\/admin\/orders" rel="prev"/);
    const filtered = await admin.get('/admin/orders?q=many');
    assert.match(filtered.body, /href="\/admin\/orders\?q=many&amp;page=2" rel="next"/);
    const paid = await admin.get('/admin/orders?status=paid');
    assert.equal(listed(paid.body).length, Math.floor((ORDERS_PAGE_SIZE + 5) / 2));
    assert.doesNotMatch(paid.body, /rel="next"/);
  });

  test('the export is not paged: every order, each once', async () => {
    const res = await admin.get('/admin/orders.csv');
    const lines = res.body.trimEnd().split('\r\n');
    assert.equal(lines.length, ORDERS_PAGE_SIZE + 5 + 1);
    assert.equal(new Set(lines).size, lines.length);
  });

  test('the export reads in batches without skipping or repeating orders placed in the same instant', async () => {
    const db = t.services.database.db;
    const product = await seedProduct(db);
    const customer = await seedCustomer(db);
    for (let i = 0; i < 5; i++) {
      await seedOrder(db, {
        customer,
        items: [{ product }],
        number: `SAME-${i}`,
        createdAt: '2026-01-01T00:10:00.000Z',
      });
    }
    let csv = '';
    for await (const chunk of ordersCsv(db, {}, 7)) csv += chunk;
    const numbers = csv
      .trimEnd()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(',')[0]);
    assert.equal(numbers.length, ORDERS_PAGE_SIZE + 10);
    assert.equal(new Set(numbers).size, numbers.length);
    assert.equal(numbers.filter((n) => n?.startsWith('SAME-')).length, 5);
  });
});
