import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { clearSettingsCache, writeSetting } from '../settings/store-settings.js';
import {
  type SeededOrder,
  seedCustomer,
  seedDiscount,
  seedEmail,
  seedEvent,
  seedOrder,
  seedProduct,
} from './testing.js';

const GONE_EMAIL = '5c7d9e2a-1b3c-4d5e-8f90-123456789abc';

describe('admin order page', () => {
  let t: TestApp;
  let admin: TestClient;
  let paid: SeededOrder;
  let pending: SeededOrder;
  let refunded: SeededOrder;
  let receiptId: string;
  const db = () => t.services.database.db;

  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    admin = new TestClient(t.app);
    await admin.login();
    const guide = await seedProduct(db(), { title: 'Field Guide', priceMinor: 1999 });
    const pack = await seedProduct(db(), { title: 'Sketch Pack', priceMinor: 500 });
    const anna = await seedCustomer(db(), { email: 'anna@example.com', name: 'Anna Schmidt' });
    const code = await seedDiscount(db(), { code: 'SPRING', percent_off: 10 });
    paid = await seedOrder(db(), {
      customer: anna,
      items: [{ product: guide }, { product: pack }],
      status: 'paid',
      number: '2026-000201',
      createdAt: '2026-03-01T10:00:00.000Z',
      discountMinor: 250,
      discountCodeId: code.id,
      providerRef: 'cs_test_123',
      deliver: { downloadLimit: 5, downloadCount: 2 },
    });
    await db()
      .updateTable('deliveries')
      .set({ revoked_at: '2026-03-02T09:00:00.000Z', download_limit: null })
      .where('id', '=', paid.deliveryIds[1]!)
      .execute();
    receiptId = await seedEmail(db(), {
      to: 'anna@example.com',
      subject: 'Your receipt for order 2026-000201',
      createdAt: '2026-03-01T10:01:05.000Z',
    });
    await seedEvent(db(), paid.id, 'created', '2026-03-01T10:00:00.000Z');
    await seedEvent(db(), paid.id, 'paid', '2026-03-01T10:01:00.000Z', { provider: 'test' });
    await seedEvent(db(), paid.id, 'email_queued', '2026-03-01T10:01:01.000Z', { emailId: receiptId });
    await seedEvent(db(), paid.id, 'delivered', '2026-03-01T10:01:00.500Z');
    await seedEvent(db(), paid.id, 'download', '2026-03-01T11:00:00.000Z', { file: '<script>x</script>.pdf' });
    await seedEvent(db(), paid.id, 'email_queued', '2026-03-01T12:00:00.000Z', { emailId: GONE_EMAIL });
    await seedEvent(db(), paid.id, 'licence_issued', '2026-03-01T12:30:00.000Z');
    pending = await seedOrder(db(), {
      customer: anna,
      items: [{ product: guide }],
      status: 'pending',
      number: '2026-000202',
      providerRef: null,
    });
    refunded = await seedOrder(db(), { customer: anna, items: [{ product: pack }], status: 'refunded' });
  });
  after(() => t.close());

  /** What the test payment provider's "server" knows about a paid checkout. */
  async function seedPaidTestSession(orderId: string, ref: string, amountMinor: number) {
    const now = new Date().toISOString();
    await db()
      .insertInto('test_payment_sessions')
      .values({
        id: ref,
        order_id: orderId,
        amount_minor: amountMinor,
        currency: 'EUR',
        status: 'paid',
        return_url: '/',
        created_at: now,
        updated_at: now,
      })
      .execute();
  }

  test('shows customer, payment, items with amounts and the discount code', async () => {
    const res = await admin.get(`/admin/orders/${paid.id}`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<h1>Order 2026-000201<\/h1>/);
    assert.match(res.body, /Anna Schmidt/);
    assert.match(res.body, /anna@example\.com/);
    assert.match(res.body, /href="\/admin\/customers\/[0-9a-f-]+">Customer details</);
    assert.match(res.body, /<code>cs_test_123<\/code>/);
    assert.match(res.body, /<dd>Test provider<\/dd>/, 'the provider by name, not its code');
    assert.match(res.body, /<code>SPRING<\/code>/);
    assert.match(res.body, /<th scope="row">Field Guide<\/th><td class="num">€19\.99<\/td><td class="num">1<\/td>/);
    assert.match(res.body, /Subtotal<\/th><td class="num">€24\.99</);
    assert.match(res.body, /Discount<\/th><td class="num">−€2\.50</);
    assert.match(res.body, /Total<\/th><td class="num">€22\.49</);
    assert.match(res.body, /Refunded<\/th><td class="num">€0\.00</);
    assert.match(res.body, /class="badge paid">Paid</);
  });

  test('shows each delivery with downloads used, its limit and whether access was revoked', async () => {
    const res = await admin.get(`/admin/orders/${paid.id}`);
    assert.match(res.body, /<th scope="row">Field Guide<\/th><td>2 of 5<\/td>[\s\S]*?class="badge paid">Active</);
    assert.match(
      res.body,
      /<th scope="row">Sketch Pack<\/th><td>2 \(no limit\)<\/td>[\s\S]*?class="badge failed">Revoked</,
    );
    const bare = await admin.get(`/admin/orders/${pending.id}`);
    assert.match(bare.body, /Nothing delivered yet\./);
    assert.match(bare.body, /Nothing recorded yet\./);
  });

  test('the timeline merges events and the emails they name, oldest first, each with its time', async () => {
    const res = await admin.get(`/admin/orders/${paid.id}`);
    const timeline = /<ol class="timeline">([\s\S]*?)<\/ol>/.exec(res.body)?.[1] ?? '';
    const labels = [...timeline.matchAll(/<span class="what">([^<]+)<\/span>/g)].map((m) => m[1]);
    assert.deepEqual(labels, [
      'Order placed',
      'Payment received',
      'Downloads delivered',
      'Email',
      'File downloaded',
      'Email',
      'licence_issued',
    ]);
    assert.equal([...timeline.matchAll(/<time datetime="2026-03-01T1\d:\d\d:\d\d\.\d{3}Z">/g)].length, 7);
    assert.match(timeline, new RegExp(`<a href="/admin/emails/${receiptId}">Your receipt for order 2026-000201</a>`));
    assert.match(timeline, /class="badge kept">Kept in the outbox</, 'the outbox transport sends nothing');
    assert.match(timeline, /The email is no longer in the outbox\./);
    assert.doesNotMatch(timeline, new RegExp(GONE_EMAIL), 'no link to an email that is gone');
    assert.match(timeline, /File: &lt;script>x&lt;\/script>\.pdf/);
    assert.doesNotMatch(res.body, /<script>x/);
  });

  test("times are shown on the store's clock: Berlin by default, then the zone set in the settings", async () => {
    const placed = /<time datetime="2026-03-01T10:00:00\.000Z">([^<]+)<\/time>/;
    const berlin = await admin.get(`/admin/orders/${paid.id}`);
    assert.equal(placed.exec(berlin.body)?.[1], '1 Mar 2026, 11:00');
    try {
      await writeSetting(db(), 'store.timezone', 'America/New_York');
      const newYork = await admin.get(`/admin/orders/${paid.id}`);
      assert.equal(placed.exec(newYork.body)?.[1], '1 Mar 2026, 05:00');
      const german = await admin.get(`/admin/orders/${paid.id}`, { cookie: `${admin.cookieHeader}; vf_lang=de` });
      assert.equal(placed.exec(german.body)?.[1], '01.03.2026, 05:00');
    } finally {
      await db().deleteFrom('settings').where('key', '=', 'store.timezone').execute();
      clearSettingsCache();
    }
  });

  test('a refund needs a confirmation before anything happens', async () => {
    const detail = await admin.get(`/admin/orders/${paid.id}`);
    assert.match(detail.body, new RegExp(`href="/admin/orders/${paid.id}/refund">Refund order …<`));
    const confirm = await admin.get(`/admin/orders/${paid.id}/refund`);
    assert.equal(confirm.statusCode, 200);
    assert.match(confirm.body, /<h1>Refund order 2026-000201<\/h1>/);
    assert.match(confirm.body, /The full amount of €22\.49 is paid back to anna@example\.com/);
    assert.match(confirm.body, /<input type="checkbox" name="confirm" value="yes" required/);
    assert.match(confirm.body, /I understand that access to the downloads will be revoked\./);

    const unconfirmed = await admin.postForm(`/admin/orders/${paid.id}/refund`, {});
    assert.equal(unconfirmed.statusCode, 400);
    assert.match(unconfirmed.body, /Please confirm that you understand access will be revoked\./);
    assert.match(unconfirmed.body, /aria-invalid="true"/);
    const audit = await db().selectFrom('audit_log').select('id').where('action', '=', 'order.refund').execute();
    assert.equal(audit.length, 0, 'nothing was attempted');
    const order = await db().selectFrom('orders').select('status').where('id', '=', paid.id).executeTakeFirst();
    assert.equal(order?.status, 'paid');
  });

  test('a refund the payment provider refuses shows an error and changes nothing', async () => {
    // The seeded order's session is unknown to the test provider, so the provider call fails.
    const res = await admin.postForm(`/admin/orders/${paid.id}/refund`, { confirm: 'yes' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/admin/orders/${paid.id}?error=refund-failed`);
    const page = await admin.get(String(res.headers.location));
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /class="alert alert-error" role="alert">The refund did not go through/);
    const order = await db().selectFrom('orders').selectAll().where('id', '=', paid.id).executeTakeFirstOrThrow();
    assert.equal(order.status, 'paid');
    assert.equal(order.refunded_minor, 0);
    assert.equal(order.refunded_at, null);
    const revoked = await db()
      .selectFrom('deliveries')
      .select('id')
      .where('order_id', '=', paid.id)
      .where('revoked_at', 'is not', null)
      .execute();
    assert.equal(revoked.length, 1, 'only the delivery revoked before');
    const audit = await db().selectFrom('audit_log').selectAll().where('action', '=', 'order.refund').execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]?.actor, 'owner@example.com');
    assert.deepEqual(JSON.parse(audit[0]!.detail), {
      orderId: paid.id,
      number: '2026-000201',
      result: 'provider-error',
    });
  });

  test('a refund the provider accepts marks the order refunded and revokes access', async () => {
    const order = await seedOrder(db(), {
      customer: await seedCustomer(db()),
      items: [{ product: await seedProduct(db(), { priceMinor: 1200 }) }],
      status: 'paid',
      deliver: {},
    });
    await seedPaidTestSession(order.id, `test_${order.id.slice(0, 8)}`, 1200);
    const res = await admin.postForm(
      `/admin/orders/${order.id}/refund`,
      { confirm: 'yes' },
      { formPage: `/admin/orders/${order.id}/refund` },
    );
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/admin/orders/${order.id}?notice=refunded`);
    const page = await admin.get(String(res.headers.location));
    assert.match(page.body, /The order was refunded and access to its downloads revoked\./);
    assert.match(page.body, /class="badge refunded">Refunded</);
    assert.match(page.body, /Refunded<\/th><td class="num">€12\.00</);
    assert.match(page.body, /class="badge failed">Revoked</);
    assert.match(page.body, /<span class="what">Access to downloads revoked<\/span>/);
    assert.match(page.body, /Amount: €12\.00/, 'amounts in event details read as money, under a label');
    assert.doesNotMatch(page.body, /Refund order …/, 'no second refund offered');
    const row = await db().selectFrom('orders').selectAll().where('id', '=', order.id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'refunded');
    assert.equal(row.refunded_minor, 1200);

    const again = await admin.postForm(
      `/admin/orders/${order.id}/refund`,
      { confirm: 'yes' },
      { formPage: `/admin/orders/${order.id}` },
    );
    assert.equal(again.headers.location, `/admin/orders/${order.id}?error=not-paid`, 'a second click refunds nothing');
  });

  test('resending the receipt queues another email, shown in the timeline', async () => {
    const detail = await admin.get(`/admin/orders/${paid.id}`);
    assert.match(detail.body, new RegExp(`action="/admin/orders/${paid.id}/resend-receipt"`));
    const res = await admin.postForm(
      `/admin/orders/${paid.id}/resend-receipt`,
      {},
      { formPage: `/admin/orders/${paid.id}` },
    );
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/admin/orders/${paid.id}?notice=receipt-sent`);
    const page = await admin.get(String(res.headers.location));
    assert.match(page.body, /Another receipt with fresh download links is on its way/);
    const event = await db()
      .selectFrom('order_events')
      .selectAll()
      .where('order_id', '=', paid.id)
      .where('kind', '=', 'receipt_resent')
      .executeTakeFirstOrThrow();
    const { emailId } = JSON.parse(event.detail) as { emailId: string };
    const email = await db().selectFrom('emails').selectAll().where('id', '=', emailId).executeTakeFirstOrThrow();
    assert.equal(email.to_address, 'anna@example.com');
    assert.match(
      page.body,
      new RegExp(`<span class="what">Receipt sent again</span>[\\s\\S]*?href="/admin/emails/${emailId}"`),
    );
    const audit = await db()
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'order.receipt_resent')
      .execute();
    assert.equal(audit.length, 1);

    const notPaid = await admin.postForm(
      `/admin/orders/${pending.id}/resend-receipt`,
      {},
      { formPage: `/admin/orders/${pending.id}` },
    );
    assert.equal(notPaid.headers.location, `/admin/orders/${pending.id}?error=receipt-not-paid`);
    assert.match((await admin.get(String(notPaid.headers.location))).body, /Receipts go out for paid orders only/);
    assert.doesNotMatch((await admin.get(`/admin/orders/${pending.id}`)).body, /resend-receipt/);
  });

  test('an order that is not paid cannot be refunded', async () => {
    const confirm = await admin.get(`/admin/orders/${pending.id}/refund`);
    assert.equal(confirm.statusCode, 200);
    assert.match(confirm.body, /Only paid orders can be refunded; this order is “Pending”\./);
    assert.doesNotMatch(confirm.body, /name="confirm"/);
    const detail = await admin.get(`/admin/orders/${pending.id}`);
    assert.doesNotMatch(detail.body, /Refund order …/);
    assert.doesNotMatch((await admin.get(`/admin/orders/${refunded.id}`)).body, /Refund order …/);

    const res = await admin.postForm(
      `/admin/orders/${pending.id}/refund`,
      { confirm: 'yes' },
      { formPage: `/admin/orders/${pending.id}` },
    );
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/admin/orders/${pending.id}?error=not-paid`);
    const page = await admin.get(String(res.headers.location));
    assert.match(page.body, /Only paid orders can be refunded; nothing was changed\./);
    const order = await db().selectFrom('orders').select('status').where('id', '=', pending.id).executeTakeFirst();
    assert.equal(order?.status, 'pending');
  });

  test('refunding needs the form token and an admin session', async () => {
    const noToken = await admin.postForm(`/admin/orders/${paid.id}/refund`, { confirm: 'yes' }, { csrf: null });
    assert.equal(noToken.statusCode, 403);
    const anon = new TestClient(t.app);
    for (const url of [`/admin/orders/${paid.id}`, `/admin/orders/${paid.id}/refund`]) {
      const res = await anon.get(url);
      assert.equal(res.statusCode, 303, url);
      assert.equal(res.headers.location, `/admin/login?next=${encodeURIComponent(url)}`);
    }
    const before = await db().selectFrom('audit_log').select('id').where('action', '=', 'order.refund').execute();
    const post = await anon.postForm(
      `/admin/orders/${paid.id}/refund`,
      { confirm: 'yes' },
      { formPage: '/admin/login' },
    );
    assert.equal(post.statusCode, 303);
    assert.match(String(post.headers.location), /^\/admin\/login/);
    const afterPost = await db().selectFrom('audit_log').select('id').where('action', '=', 'order.refund').execute();
    assert.equal(afterPost.length, before.length);
  });

  test('unknown notices are ignored; the page speaks German', async () => {
    const odd = await admin.get(`/admin/orders/${paid.id}?notice=hacked&error=%3Cscript%3E`);
    assert.equal(odd.statusCode, 200);
    assert.doesNotMatch(odd.body, /class="alert/);
    const de = await admin.get(`/admin/orders/${paid.id}`, { cookie: `${admin.cookieHeader}; vf_lang=de` });
    assert.match(de.body, /<h1>Bestellung 2026-000201<\/h1>/);
    assert.match(de.body, /Zahlung eingegangen/);
    assert.match(de.body, /Zwischensumme/);
  });
});
