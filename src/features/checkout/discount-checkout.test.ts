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

  test('percent and fixed codes are priced on the server, case-insensitively', async () => {
    const product = await seedProduct(t.services, { priceMinor: 1999 });
    await code({ code: 'SPRING25', kind: 'percent', percent: 25 });
    await code({ code: 'MINUS5', kind: 'amount', amount: 500 });
    const c = new TestClient(t.app);
    const formPage = `/checkout?product=${product.id}`;
    await c.postForm(
      '/checkout',
      { productId: product.id, digitalConsent: '1', email: 'd@example.com', discountCode: 'spring25' },
      { formPage },
    );
    let order = await latestOrder(t.services);
    assert.deepEqual([order.subtotal_minor, order.discount_minor, order.total_minor], [1999, 500, 1499]);
    await c.postForm(
      '/checkout',
      { productId: product.id, digitalConsent: '1', email: 'd@example.com', discountCode: 'MINUS5' },
      { formPage },
    );
    order = await latestOrder(t.services);
    assert.deepEqual([order.subtotal_minor, order.discount_minor, order.total_minor], [1999, 500, 1499]);
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
