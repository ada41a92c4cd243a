import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { startCheckout } from './start-checkout.js';
import { latestOrder, seedProduct } from './testing.js';

describe('discount codes at checkout', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
  });
  after(() => t.close());

  async function code(values: {
    code: string;
    kind: 'percent' | 'amount';
    percent?: number;
    amount?: number;
    max?: number;
    productId?: string;
    expires?: string;
  }) {
    await t.services.database.db
      .insertInto('discount_codes')
      .values({
        id: randomUUID(),
        code: values.code,
        kind: values.kind,
        percent_off: values.percent ?? null,
        amount_off_minor: values.amount ?? null,
        currency: values.kind === 'amount' ? 'EUR' : null,
        product_id: values.productId ?? null,
        expires_at: values.expires ?? null,
        max_redemptions: values.max ?? null,
        created_at: new Date().toISOString(),
      })
      .execute();
  }

  /** Posts the checkout form as a browser would: a code first shows its price, the second press orders. */
  async function orderWithCode(c: TestClient, formPage: string, fields: Record<string, string>) {
    const shown = await c.postForm('/checkout', fields, { formPage });
    assert.equal(shown.statusCode, 200, 'the price with the code is shown before any order');
    const quoted = /name="quoted" value="([^"]*)"/.exec(shown.body)?.[1];
    assert.ok(quoted, 'the page carries what the shown price was worked out for');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(shown.body)?.[1] ?? null;
    const ordered = await c.postForm('/checkout', { ...fields, quoted }, { csrf });
    assert.equal(ordered.statusCode, 303);
    return shown.body;
  }

  test('percent and fixed codes are priced on the server, case-insensitively', async () => {
    const product = await seedProduct(t.services, { priceMinor: 1999 });
    await code({ code: 'SPRING25', kind: 'percent', percent: 25 });
    await code({ code: 'MINUS5', kind: 'amount', amount: 500 });
    const c = new TestClient(t.app);
    const formPage = `/checkout?product=${product.id}`;
    const fields = { productId: product.id, digitalConsent: '1', email: 'd@example.com' };
    const shown = await orderWithCode(c, formPage, { ...fields, discountCode: 'spring25' });
    assert.match(shown, /Total price incl\. VAT: €14\.99/, 'the total above the order button includes the code');
    let order = await latestOrder(t.services);
    assert.deepEqual([order.subtotal_minor, order.discount_minor, order.total_minor], [1999, 500, 1499]);
    await orderWithCode(c, formPage, { ...fields, discountCode: 'MINUS5' });
    order = await latestOrder(t.services);
    assert.deepEqual([order.subtotal_minor, order.discount_minor, order.total_minor], [1999, 500, 1499]);
    // The thank-you page repeats what was bought under its headline, with the discount and its code.
    const thanks = await c.get(`/checkout/orders/${order.id}?k=${order.access_key}`);
    assert.match(thanks.body, /Discount \(code MINUS5\)<\/th><td class="num">−€5\.00/);
    assert.match(thanks.body, /Total<\/th><td class="num">€14\.99/);
  });

  test('"apply code" shows the price to be charged before the order button and orders nothing', async () => {
    const product = await seedProduct(t.services, { priceMinor: 2000 });
    await code({ code: 'TENOFF', kind: 'percent', percent: 10 });
    const c = new TestClient(t.app);
    const before = await c.get(`/checkout?product=${product.id}`);
    assert.match(before.body, /<button type="submit" name="step" value="price" class="secondary" formnovalidate/);
    assert.match(before.body, /Total price incl\. VAT: €20\.00/);
    const orders = async () =>
      Number(
        (
          await t.services.database.db
            .selectFrom('orders')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const count = await orders();
    const r = await c.postForm(
      '/checkout',
      { productId: product.id, email: '', discountCode: 'tenoff', step: 'price' },
      { formPage: `/checkout?product=${product.id}` },
    );
    assert.equal(r.statusCode, 200);
    assert.match(r.body, /Your code is applied: you pay €18\.00\./);
    assert.match(r.body, /Discount \(TENOFF\)<\/dt><dd>−€2\.00/);
    const summary = r.body.slice(r.body.indexOf('class="order-summary"'));
    assert.match(summary, /Total price incl\. VAT: €18\.00/);
    assert.ok(summary.indexOf('€18.00') < summary.indexOf('Buy now'), 'the total stands above the order button');
    assert.equal(await orders(), count, 'no order was placed');
    const unknown = await c.postForm(
      '/checkout',
      { productId: product.id, email: '', discountCode: 'NOPE', step: 'price' },
      { formPage: `/checkout?product=${product.id}` },
    );
    assert.equal(unknown.statusCode, 400);
    assert.match(unknown.body, /This discount code does not exist/);
  });

  test('the product page has the same "apply code" button: it leads to the checkout page with the price', async () => {
    const product = await seedProduct(t.services, { priceMinor: 2000 });
    await code({ code: 'HALF', kind: 'percent', percent: 50 });
    const c = new TestClient(t.app);
    const page = await c.get(`/p/product-${product.id.slice(0, 8)}`);
    const form = page.body.slice(page.body.indexOf('action="/checkout"'));
    assert.match(
      form,
      /name="discountCode"[\s\S]*?<button type="submit" name="step" value="price" class="secondary" formnovalidate>Apply code</,
    );
    const r = await c.postForm(
      '/checkout',
      { productId: product.id, email: '', discountCode: 'half', step: 'price' },
      { formPage: `/p/product-${product.id.slice(0, 8)}` },
    );
    assert.equal(r.statusCode, 200);
    assert.match(r.body, /Your code is applied: you pay €10\.00\./);
  });

  test('unknown, expired and other-product codes are form errors', async () => {
    const product = await seedProduct(t.services);
    const other = await seedProduct(t.services);
    await code({ code: 'OLD', kind: 'percent', percent: 10, expires: '2020-01-01T00:00:00.000Z' });
    await code({ code: 'OTHER', kind: 'percent', percent: 10, productId: other.id });
    const c = new TestClient(t.app);
    const formPage = `/checkout?product=${product.id}`;
    for (const [discountCode, message] of [
      ['NOPE', /does not exist/],
      ['OLD', /has expired/],
      ['OTHER', /not valid for this product/],
    ] as const) {
      const r = await c.postForm(
        '/checkout',
        { productId: product.id, digitalConsent: '1', email: 'd@example.com', discountCode },
        { formPage },
      );
      assert.equal(r.statusCode, 400);
      assert.match(r.body, message);
    }
  });

  test('a code with 3 redemptions is used exactly 3 times by 12 parallel checkouts', async () => {
    const product = await seedProduct(t.services, { priceMinor: 1000 });
    await code({ code: 'RUSH', kind: 'percent', percent: 50, max: 3 });
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        startCheckout(t.services, {
          productId: product.id,
          digitalConsent: true,
          email: `r${i}@example.com`,
          name: '',
          discountCode: 'RUSH',
          locale: 'en',
        }),
      ),
    );
    const ok = results.filter((r) => r.kind === 'redirect');
    assert.equal(ok.length, 3);
    assert.ok(
      results.filter((r) => r.kind === 'error').every((r) => r.kind === 'error' && r.error.startsWith('discount-')),
    );
    const row = await t.services.database.db
      .selectFrom('discount_codes')
      .select('redemptions')
      .where('code', '=', 'RUSH')
      .executeTakeFirstOrThrow();
    assert.equal(row.redemptions, 3);
  });

  test('a 100 % code makes a free order that is delivered at once', async () => {
    const product = await seedProduct(t.services, { priceMinor: 1500 });
    await code({ code: 'GIFT', kind: 'percent', percent: 100 });
    const r = await startCheckout(t.services, {
      productId: product.id,
      digitalConsent: true,
      email: 'gift@example.com',
      name: '',
      discountCode: 'gift',
      locale: 'de',
    });
    assert.equal(r.kind, 'redirect');
    await t.drainJobs();
    const order = await latestOrder(t.services);
    assert.deepEqual([order.status, order.total_minor, order.provider], ['paid', 0, 'free']);
  });
});
