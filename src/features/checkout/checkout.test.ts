import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { countRows, latestOrder, seedProduct } from './testing.js';

/** Follows a test-payment redirect and clicks one of the provider's buttons. */
async function payWith(c: TestClient, payUrl: string, outcome: 'pay' | 'decline' | 'delay') {
  const page = await c.get(payUrl);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /TEST MODE/);
  return c.postForm(payUrl, { outcome }, { formPage: payUrl });
}

describe('buying a download with the test provider', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
  });
  after(() => t.close());

  test('pay → paid → delivered → receipt with a working link; the thank-you page shows the files', async () => {
    const product = await seedProduct(t.services, { priceMinor: 1900 });
    const c = new TestClient(t.app);
    const res = await c.postForm(
      '/checkout',
      { productId: product.id, digitalConsent: '1', email: 'Buyer@Example.com', name: 'Bea' },
      { formPage: `/checkout?product=${product.id}` },
    );
    assert.equal(res.statusCode, 303);
    const payUrl = res.headers.location as string;
    assert.match(payUrl, /^\/pay\/test\/test_cs_[a-f0-9]{32}$/);
    const order = await latestOrder(t.services);
    assert.equal(order.status, 'pending');
    assert.equal(order.total_minor, 1900);
    assert.equal(order.email, 'buyer@example.com');

    const thanks = await c.get(
      (await payWith(c, payUrl, 'pay')).headers.location!.replace(t.services.config.publicUrl, ''),
    );
    // Back from paying before the confirmation: the page waits, and does not invite to pay again.
    assert.match(thanks.body, /Confirming your payment/);
    assert.match(thanks.body, /Not paid yet\? Back to the payment page/);
    assert.doesNotMatch(thanks.body, /Continue to payment/);
    assert.match(thanks.body, /http-equiv="refresh"/);

    await t.drainJobs();
    const paid = await latestOrder(t.services);
    assert.equal(paid.status, 'paid');
    assert.equal(await countRows(t.services, 'deliveries', ['order_id', order.id]), 1);

    const mail = await t.services.database.db
      .selectFrom('emails')
      .selectAll()
      .where('template', '=', 'receipt')
      .executeTakeFirstOrThrow();
    assert.equal(mail.to_address, 'buyer@example.com');
    assert.equal(mail.status, 'sent');
    const link = new RegExp(`${t.services.config.publicUrl}(/d/[^\\s"<]+)`).exec(mail.text)?.[1];
    assert.ok(link, 'receipt carries a download link');
    const download = await t.app.inject(link.replaceAll('&amp;', '&'));
    assert.equal(download.statusCode, 200);
    assert.deepEqual(download.rawPayload, product.file.bytes);

    const done = await c.get(`/checkout/orders/${order.id}?k=${order.access_key}`);
    assert.match(done.body, /Thank you for your purchase/);
    const summary = done.body.slice(done.body.indexOf('<h1>'));
    assert.match(
      summary,
      /^<h1>[^<]*<\/h1><p>[^<]*<\/p><table class="order-lines"><caption>Order \d+ of /,
      'the summary under the headline',
    );
    assert.match(summary, /Total<\/th><td class="num">€19\.00/);
    assert.match(done.body, /href="http:\/\/[^"]+\/d\//);
    assert.doesNotMatch(done.body, /http-equiv="refresh"/);
  });

  test('the client cannot set the price', async () => {
    const product = await seedProduct(t.services, { priceMinor: 4900 });
    const c = new TestClient(t.app);
    const res = await c.postForm(
      '/checkout',
      {
        productId: product.id,
        digitalConsent: '1',
        email: 'cheap@example.com',
        amount: '0.01',
        price: '1',
        total_minor: '1',
        totalMinor: '1',
      },
      { formPage: `/checkout?product=${product.id}` },
    );
    assert.equal(res.statusCode, 303);
    assert.equal((await latestOrder(t.services)).total_minor, 4900);
  });

  test('pay what you want: the buyer’s amount within the rules, clear errors otherwise', async () => {
    const product = await seedProduct(t.services, {
      pricing: 'pwyw',
      priceMinor: 0,
      minMinor: 500,
      suggestedMinor: 1200,
    });
    const c = new TestClient(t.app);
    const formPage = `/checkout?product=${product.id}`;
    const before = await countRows(t.services, 'orders');
    for (const [amount, message] of [
      ['4,99', /below the minimum of €5\.00/],
      ['-5', /cannot be negative/],
      ['9,001', /Is the comma a thousands separator or the decimal point\?/],
      ['5.001', /At most two decimal places/],
      ['abc', /enter an amount like 12/],
      ['99999999999', /too large/],
      ['1e9', /enter an amount like 12/],
    ] as const) {
      const r = await c.postForm(
        '/checkout',
        { productId: product.id, digitalConsent: '1', email: 'p@example.com', amount },
        { formPage },
      );
      assert.equal(r.statusCode, 400, amount);
      assert.match(r.body, message, amount);
    }
    assert.equal(await countRows(t.services, 'orders'), before, 'no order for bad input');
    const ok = await c.postForm(
      '/checkout',
      { productId: product.id, digitalConsent: '1', email: 'p@example.com', amount: '7,50' },
      { formPage },
    );
    assert.equal(ok.statusCode, 303);
    assert.equal((await latestOrder(t.services)).total_minor, 750);
  });

  test('a free product is delivered without a payment page', async () => {
    const product = await seedProduct(t.services, { pricing: 'free', priceMinor: 0 });
    const c = new TestClient(t.app);
    const res = await c.postForm(
      '/checkout',
      { productId: product.id, digitalConsent: '1', email: 'lead@example.com' },
      { formPage: `/checkout?product=${product.id}` },
    );
    assert.match(res.headers.location as string, /^\/checkout\/orders\//);
    await t.drainJobs();
    const order = await latestOrder(t.services);
    assert.equal(order.status, 'paid');
    assert.equal(order.provider, 'free');
    assert.equal(await countRows(t.services, 'deliveries', ['order_id', order.id]), 1);
  });

  test('declined payment: the order fails and nothing is delivered', async () => {
    const product = await seedProduct(t.services);
    const c = new TestClient(t.app);
    const res = await c.postForm(
      '/checkout',
      { productId: product.id, digitalConsent: '1', email: 'no@example.com' },
      { formPage: `/checkout?product=${product.id}` },
    );
    await payWith(c, res.headers.location as string, 'decline');
    await t.drainJobs();
    const order = await latestOrder(t.services);
    assert.equal(order.status, 'failed');
    assert.equal(await countRows(t.services, 'deliveries', ['order_id', order.id]), 0);
    const page = await c.get(`/checkout/orders/${order.id}?k=${order.access_key}`);
    assert.match(page.body, /did not go through/);
  });

  test('delayed success: pending until the provider settles, then delivered', async () => {
    const product = await seedProduct(t.services);
    const c = new TestClient(t.app);
    const res = await c.postForm(
      '/checkout',
      { productId: product.id, digitalConsent: '1', email: 'slow@example.com' },
      { formPage: `/checkout?product=${product.id}` },
    );
    await payWith(c, res.headers.location as string, 'delay');
    await t.drainJobs();
    assert.equal((await latestOrder(t.services)).status, 'pending');
    await t.services.database.db
      .updateTable('jobs')
      .set({ run_at: new Date().toISOString() })
      .where('kind', '=', 'payment.test.notify')
      .where('status', '=', 'pending')
      .execute();
    await t.drainJobs();
    const order = await latestOrder(t.services);
    assert.equal(order.status, 'paid');
    assert.equal(await countRows(t.services, 'deliveries', ['order_id', order.id]), 1);
  });

  test('unknown or unpublished products, bad emails and wrong order keys are refused', async () => {
    const draft = await seedProduct(t.services, { status: 'draft' });
    const c = new TestClient(t.app);
    const formPage = `/checkout?product=${(await seedProduct(t.services)).id}`;
    assert.equal(
      (
        await c.postForm(
          '/checkout',
          { productId: draft.id, digitalConsent: '1', email: 'x@example.com' },
          { formPage },
        )
      ).statusCode,
      404,
    );
    assert.equal((await c.get(`/checkout?product=${draft.id}`)).statusCode, 404);
    const bad = await c.postForm(
      '/checkout',
      { productId: (await seedProduct(t.services)).id, email: 'not-an-email' },
      { formPage },
    );
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /valid email address/);

    const order = await latestOrder(t.services);
    assert.equal((await c.get(`/checkout/orders/${order.id}?k=wrong`)).statusCode, 404);
    assert.equal((await c.get(`/checkout/orders/${order.id}`)).statusCode, 404);
    assert.equal((await c.get('/checkout/orders/not-a-uuid?k=x')).statusCode, 400);
  });
});
