import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { latestOrder, seedProduct } from '../checkout/testing.js';

/** A guest buys (ticking the consent box) and, unless `pay` is false, pays; jobs run. */
async function buy(t: TestApp, email: string, pay = true) {
  const product = await seedProduct(t.services, { priceMinor: 2400, title: 'Brot-Kurs' });
  const c = new TestClient(t.app);
  const res = await c.postForm(
    '/checkout',
    { productId: product.id, digitalConsent: '1', email },
    { formPage: `/checkout?product=${product.id}` },
  );
  const payUrl = res.headers.location as string;
  if (pay) await c.postForm(payUrl, { outcome: 'pay' }, { formPage: payUrl });
  await t.drainJobs();
  return latestOrder(t.services);
}

describe('withdrawal button (§ 356a BGB)', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
  });
  after(() => t.close());

  test('the footer link leads to step 1; an unknown number or wrong email is refused', async () => {
    const home = await new TestClient(t.app).get('/withdrawal');
    assert.match(home.body, /href="\/withdraw"[^>]*>Withdraw from contract</);
    const c = new TestClient(t.app);
    const page = await c.get('/withdraw');
    assert.match(page.body, /Order number/);
    const order = await buy(t, 'someone@example.com');
    const wrong = await c.postForm('/withdraw', { number: order.number, email: 'other@example.com' });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /We found no order with this number and email address/);
  });

  test('delivered digital content with consent: the page explains there is no right left', async () => {
    const order = await buy(t, 'waived@example.com');
    assert.equal(order.status, 'paid');
    const c = new TestClient(t.app);
    const page = await c.postForm('/withdraw', { number: order.number, email: 'WAIVED@example.com' });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /can no longer be withdrawn/);
    assert.doesNotMatch(page.body, /Confirm withdrawal/);
  });

  test('a guest order without consent: two steps, refund, confirmation email with time, timeline, admin list', async () => {
    const order = await buy(t, 'guest@example.com');
    // An order placed without the consent (e.g. before it existed) keeps its right of withdrawal.
    await t.services.database.db.deleteFrom('order_consents').where('order_id', '=', order.id).execute();
    const c = new TestClient(t.app);
    const step2 = await c.postForm('/withdraw', { number: order.number, email: 'guest@example.com' });
    assert.match(step2.body, /Confirm withdrawal/);
    const token = /name="token" value="([^"]+)"/.exec(step2.body)?.[1];
    assert.ok(token);
    const done = await c.postForm(`/withdraw/order/${order.id}/confirm`, { token }, { formPage: '/withdraw' });
    assert.equal(done.statusCode, 200);
    assert.match(done.body, /Your withdrawal has been received/);
    assert.match(done.body, /is being refunded/);
    await t.drainJobs();
    const db = t.services.database.db;
    const after = await db.selectFrom('orders').selectAll().where('id', '=', order.id).executeTakeFirstOrThrow();
    assert.equal(after.status, 'refunded');
    const w = await db.selectFrom('withdrawals').selectAll().where('order_id', '=', order.id).executeTakeFirstOrThrow();
    assert.equal(w.refund, 'refunded');
    const mail = await db
      .selectFrom('emails')
      .selectAll()
      .where('template', '=', 'withdrawal-received')
      .where('to_address', '=', 'guest@example.com')
      .executeTakeFirstOrThrow();
    assert.match(mail.text, new RegExp(`withdrawal from order ${order.number} .* on `));
    const events = await db.selectFrom('order_events').select('kind').where('order_id', '=', order.id).execute();
    assert.ok(events.some((e) => e.kind === 'withdrawn'));
    // A second confirm is the same withdrawal.
    const again = await c.postForm(`/withdraw/order/${order.id}/confirm`, { token }, { formPage: '/withdraw' });
    assert.equal(again.statusCode, 200);
    assert.equal(
      (await db.selectFrom('withdrawals').select('id').where('order_id', '=', order.id).execute()).length,
      1,
    );

    const admin = new TestClient(t.app);
    await admin.login();
    const list = await admin.get('/admin/legal');
    assert.match(list.body, new RegExp(order.number));
  });

  test('from the thank-you page: an unpaid order is withdrawn with nothing to refund; a bad token is refused', async () => {
    const order = await buy(t, 'pending@example.com', false);
    assert.equal(order.status, 'pending');
    const c = new TestClient(t.app);
    const page = await c.get(`/withdraw/order/${order.id}?k=${order.access_key}`);
    assert.match(page.body, /Confirm withdrawal/);
    assert.equal((await c.get(`/withdraw/order/${order.id}?k=wrong`)).statusCode, 404);
    const bad = await c.postForm(`/withdraw/order/${order.id}/confirm`, { token: '1.x' }, { formPage: '/withdraw' });
    assert.equal(bad.statusCode, 400);
    const token = /name="token" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const done = await c.postForm(`/withdraw/order/${order.id}/confirm`, { token }, { formPage: '/withdraw' });
    assert.match(done.body, /Nothing was charged/);
    assert.equal((await latestOrder(t.services)).status, 'expired', 'a withdrawn unpaid order ends');

    // The buyer finishes the old payment page anyway: the money goes back, nothing is delivered.
    const payUrl = `/pay/test/${order.provider_ref}`;
    await c.postForm(payUrl, { outcome: 'pay' }, { formPage: payUrl });
    await t.drainJobs();
    const after = await latestOrder(t.services);
    assert.equal(after.status, 'refunded');
    const deliveries = await t.services.database.db
      .selectFrom('deliveries')
      .select('id')
      .where('order_id', '=', order.id)
      .execute();
    assert.deepEqual(deliveries, []);
  });

  test('German texts', async () => {
    const page = await t.app.inject({ url: '/withdraw', headers: { cookie: 'vf_lang=de' } });
    assert.match(page.body, /Vertrag widerrufen/);
    assert.match(page.body, /Bestellnummer/);
  });
});
