import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { claimNextJob } from '../../jobs/queue.js';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { countRows, latestOrder, seedProduct } from '../checkout/testing.js';
import { refundOrder } from './refund-order.js';
import { signTestNotification, TEST_SIGNATURE_HEADER, testWebhookSecret } from './test-provider.js';

describe('payment notifications: exactly once, whatever arrives', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
  });
  after(() => t.close());

  /** A pending order whose test session the "provider" has already marked paid (no notification sent yet). */
  async function paidAtProvider() {
    const product = await seedProduct(t.services);
    const c = new TestClient(t.app);
    const res = await c.postForm(
      '/checkout',
      { productId: product.id, digitalConsent: '1', email: 'once@example.com' },
      { formPage: `/checkout?product=${product.id}` },
    );
    const ref = (res.headers.location as string).split('/').pop()!;
    await t.services.database.db
      .updateTable('test_payment_sessions')
      .set({ status: 'paid' })
      .where('id', '=', ref)
      .execute();
    return { ref, order: await latestOrder(t.services), product };
  }

  function webhook(body: object, opts: { signature?: string; secret?: string; timestamp?: number } = {}) {
    const raw = JSON.stringify(body);
    const secret = opts.secret ?? testWebhookSecret(t.services.config.sessionSecret);
    return t.app.inject({
      method: 'POST',
      url: '/api/v1/payments/test/webhook',
      payload: raw,
      headers: {
        'content-type': 'application/json',
        [TEST_SIGNATURE_HEADER]: opts.signature ?? signTestNotification(secret, raw, opts.timestamp),
      },
    });
  }

  const receipts = (orderId: string) =>
    t.services.database.db
      .selectFrom('order_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('order_id', '=', orderId)
      .where('kind', '=', 'email_queued')
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n));

  test('the same event twice, and five at once: one payment, one delivery, one receipt', async () => {
    const { ref, order } = await paidAtProvider();
    const event = { id: 'evt_dup_1', type: 'checkout.completed', data: { session: ref } };
    const first = await webhook(event);
    assert.equal(first.statusCode, 200);
    assert.deepEqual(first.json(), { received: true, duplicate: false });
    assert.equal((await webhook(event)).json().duplicate, true);
    const burst = await Promise.all([1, 2, 3, 4, 5].map((i) => webhook({ ...event, id: `evt_burst_${i}` })));
    assert.ok(burst.every((r) => r.statusCode === 200));
    await t.drainJobs();
    assert.equal((await latestOrder(t.services)).status, 'paid');
    assert.equal(await countRows(t.services, 'deliveries', ['order_id', order.id]), 1);
    assert.equal(await receipts(order.id), 1);
    const paidEvents = await t.services.database.db
      .selectFrom('order_events')
      .select('id')
      .where('order_id', '=', order.id)
      .where('kind', '=', 'paid')
      .execute();
    assert.equal(paidEvents.length, 1);
    assert.equal(await countRows(t.services, 'emails', ['to_address', 'once@example.com']), 1);
  });

  test('events out of order converge on the provider’s state', async () => {
    const { ref, order } = await paidAtProvider();
    // a stale "failed" arrives after the payment succeeded: the processor re-reads the session and keeps it paid
    await webhook({ id: 'evt_late_fail', type: 'checkout.failed', data: { session: ref } });
    await webhook({ id: 'evt_ok', type: 'checkout.completed', data: { session: ref } });
    await t.drainJobs();
    assert.equal((await latestOrder(t.services)).status, 'paid');
    assert.equal(await countRows(t.services, 'deliveries', ['order_id', order.id]), 1);
  });

  test('forged, stale, malformed and unknown notifications are refused and change nothing', async () => {
    const { ref } = await paidAtProvider();
    const event = { id: 'evt_forged', type: 'checkout.completed', data: { session: ref } };
    const forged = await webhook(event, { secret: 'not-the-secret' });
    assert.equal(forged.statusCode, 400);
    assert.match(forged.headers['content-type'] as string, /problem\+json/);
    assert.equal(forged.json().code, 'invalid_signature');
    assert.equal((await webhook(event, { timestamp: Math.floor(Date.now() / 1000) - 3600 })).statusCode, 400);
    assert.equal((await webhook(event, { signature: 'garbage' })).statusCode, 400);
    assert.equal((await webhook({ nope: true })).statusCode, 400);
    const unknown = await t.app.inject({ method: 'POST', url: '/api/v1/payments/paypal/webhook', payload: '{}' });
    assert.equal(unknown.statusCode, 404);
    await t.drainJobs();
    assert.equal((await latestOrder(t.services)).status, 'pending');
    const stored = await t.services.database.db
      .selectFrom('payment_events')
      .select('event_id')
      .where('event_id', '=', 'evt_forged')
      .execute();
    assert.equal(stored.length, 0);
  });

  test('a worker dying between "paid" and "delivered" delivers once after restart', async () => {
    const { ref, order } = await paidAtProvider();
    await webhook({ id: 'evt_crash', type: 'checkout.completed', data: { session: ref } });
    // process the event (order becomes paid, fulfilment enqueued) …
    const { db, dialect } = t.services.database;
    const processJob = await claimNextJob(db, dialect, 'w1', 60_000, ['payment.process-event']);
    assert.ok(processJob);
    await db
      .updateTable('jobs')
      .set({ status: 'pending', locked_by: null, locked_until: null })
      .where('id', '=', processJob.id)
      .execute();
    await t.drainJobs();
    assert.equal(await countRows(t.services, 'deliveries', ['order_id', order.id]), 1);
    // … then fulfilment runs again as if its first run had died after delivering: still one of each
    const fulfil = await db
      .selectFrom('jobs')
      .selectAll()
      .where('unique_key', '=', `fulfil:${order.id}`)
      .executeTakeFirstOrThrow();
    await db
      .updateTable('jobs')
      .set({ status: 'pending', run_at: new Date().toISOString(), attempts: 0 })
      .where('id', '=', fulfil.id)
      .execute();
    await t.drainJobs();
    assert.equal(await countRows(t.services, 'deliveries', ['order_id', order.id]), 1);
    assert.equal(await receipts(order.id), 1);
  });

  test('a payment for an expired order is still honoured', async () => {
    const { ref, order } = await paidAtProvider();
    const { db } = t.services.database;
    await db
      .updateTable('jobs')
      .set({ run_at: new Date().toISOString() })
      .where('unique_key', '=', `expire:${order.id}`)
      .execute();
    await t.drainJobs();
    assert.equal((await latestOrder(t.services)).status, 'expired');
    await webhook({ id: 'evt_late_pay', type: 'checkout.completed', data: { session: ref } });
    await t.drainJobs();
    assert.equal((await latestOrder(t.services)).status, 'paid');
    assert.equal(await countRows(t.services, 'deliveries', ['order_id', order.id]), 1);
  });

  test('a refund revokes access; refunding twice changes nothing more', async () => {
    const { ref, order } = await paidAtProvider();
    await webhook({ id: 'evt_refund_me', type: 'checkout.completed', data: { session: ref } });
    await t.drainJobs();
    const links = await t.services.database.db
      .selectFrom('emails')
      .select('text')
      .where('to_address', '=', 'once@example.com')
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    const path = new RegExp(`${t.services.config.publicUrl}(/d/\\S+)`).exec(links.text)?.[1];
    assert.ok(path);
    assert.equal((await t.app.inject(path)).statusCode, 200);
    assert.equal(await refundOrder(t.services, order.id, 'owner@example.com'), 'ok');
    assert.equal(await refundOrder(t.services, order.id, 'owner@example.com'), 'not-paid');
    const refunded = await latestOrder(t.services);
    assert.equal(refunded.status, 'refunded');
    assert.equal(refunded.refunded_minor, refunded.total_minor);
    const after = await t.app.inject(path);
    assert.ok(after.statusCode === 403 || after.statusCode === 410, `status ${after.statusCode}`);
    assert.equal(after.rawPayload.includes(Buffer.from('bytes of')), false);
  });
});
