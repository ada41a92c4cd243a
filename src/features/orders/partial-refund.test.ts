import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { seedCustomer, seedOrder, seedProduct } from './testing.js';

describe('admin refund page: full or partial (test provider)', () => {
  let t: TestApp;
  let admin: TestClient;
  const db = () => t.services.database.db;

  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    admin = new TestClient(t.app);
    await admin.login();
  });
  after(() => t.close());

  async function paidOrder(priceMinor = 2000) {
    const order = await seedOrder(db(), {
      customer: await seedCustomer(db()),
      items: [{ product: await seedProduct(db(), { priceMinor }) }],
      status: 'paid',
      deliver: {},
    });
    const now = new Date().toISOString();
    await db()
      .insertInto('test_payment_sessions')
      .values({
        id: `test_${order.id.slice(0, 8)}`,
        order_id: order.id,
        amount_minor: priceMinor,
        currency: 'EUR',
        status: 'paid',
        return_url: '/',
        created_at: now,
        updated_at: now,
      })
      .execute();
    return order;
  }

  async function forms(orderId: string) {
    const page = await admin.get(`/admin/orders/${orderId}/refund`);
    const ids = [...page.body.matchAll(/name="requestId" value="([0-9a-f-]{36})"/g)].map((m) => m[1]!);
    return { page, full: ids[0]!, partial: ids[1]! };
  }

  const row = (id: string) => db().selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  test('the page offers the full refund (access ends) and a partial one (access stays), each with its own request id', async () => {
    const order = await paidOrder();
    const { page, full, partial } = await forms(order.id);
    assert.ok(full && partial && full !== partial);
    assert.match(page.body, /The full amount of €20\.00 is paid back/);
    assert.match(page.body, /<h2>Partial refund<\/h2>/);
    assert.match(page.body, /<label for="f-amount">Amount to refund \(EUR\)<\/label>/);
    assert.match(page.body, /The buyer keeps access to the downloads\./);
    const again = await forms(order.id);
    assert.notEqual(again.full, full, 'a fresh id for every rendering');
  });

  test('a partial refund records the amount and keeps access; sending the same form twice refunds once', async () => {
    const order = await paidOrder();
    const { partial } = await forms(order.id);
    const url = `/admin/orders/${order.id}/refund`;
    const fields = { amount: '4,50', confirm: 'yes', requestId: partial };
    const first = await admin.postForm(url, fields, { formPage: url });
    assert.equal(first.headers.location, `/admin/orders/${order.id}?notice=partially-refunded`);
    await admin.postForm(url, fields, { formPage: url });
    const o = await row(order.id);
    assert.deepEqual([o.status, o.refunded_minor], ['paid', 450]);
    const session = await db()
      .selectFrom('test_payment_sessions')
      .select('refunded_minor')
      .where('order_id', '=', order.id)
      .executeTakeFirstOrThrow();
    assert.equal(session.refunded_minor, 450, 'the provider refunded once');
    const deliveries = await db()
      .selectFrom('deliveries')
      .select('revoked_at')
      .where('order_id', '=', order.id)
      .execute();
    assert.ok(deliveries.every((d) => d.revoked_at === null));
    const list = await admin.get('/admin/orders');
    assert.match(list.body, /€4\.50 refunded/);
    const audit = await db().selectFrom('audit_log').select('detail').where('action', '=', 'order.refund').execute();
    assert.ok(audit.some((a) => JSON.parse(a.detail).amountMinor === 450));

    const rest = await forms(order.id);
    const done = await admin.postForm(url, { confirm: 'yes', requestId: rest.full }, { formPage: url });
    assert.equal(done.headers.location, `/admin/orders/${order.id}?notice=refunded`);
    const refunded = await row(order.id);
    assert.deepEqual([refunded.status, refunded.refunded_minor], ['refunded', 2000]);
  });

  test('bad partial amounts and a missing confirmation re-render the form and refund nothing', async () => {
    const order = await paidOrder(1000);
    const { partial } = await forms(order.id);
    const url = `/admin/orders/${order.id}/refund`;
    const cases = [
      [{ amount: '10', confirm: 'yes' }, /must be less than what is left/],
      [{ amount: '12', confirm: 'yes' }, /must be less than what is left/],
      [{ amount: '-1', confirm: 'yes' }, /The amount cannot be negative/],
      [{ amount: '1.005', confirm: 'yes' }, /At most two decimal places/],
      [{ amount: '', confirm: 'yes' }, /Enter an amount like 5 or 4\.50/],
      [{ amount: '99999999999', confirm: 'yes' }, /This amount is too large/],
      [{ amount: '3' }, /Please confirm the partial refund/],
    ] as const;
    for (const [fields, message] of cases) {
      const res = await admin.postForm(url, { ...fields, requestId: partial }, { formPage: url });
      assert.equal(res.statusCode, 400, JSON.stringify(fields));
      assert.match(res.body, message, JSON.stringify(fields));
      assert.match(res.body, /aria-invalid="true"/);
    }
    assert.equal((await row(order.id)).refunded_minor, 0);
  });

  test('German labels, and a disputed order shows as such and can be filtered', async () => {
    const order = await paidOrder();
    const de = await admin.get(`/admin/orders/${order.id}/refund`, { cookie: `${admin.cookieHeader}; vf_lang=de` });
    assert.match(de.body, /<h2>Teilerstattung<\/h2>/);
    assert.match(de.body, /Der Zugang zu den Downloads bleibt bestehen\./);
    await db().updateTable('orders').set({ status: 'disputed' }).where('id', '=', order.id).execute();
    const list = await admin.get('/admin/orders?status=disputed');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /class="badge disputed">Disputed</);
    assert.doesNotMatch((await admin.get(`/admin/orders/${order.id}`)).body, /Refund order …/);
  });
});
