import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestClient } from '../../../testing/app.js';
import { stripeEvent } from './stand-in/state.js';
import {
  buildStripeTestApp,
  deliveriesOf,
  downloadPath,
  licenseKeysOf,
  orderById,
  orderEvents,
  paidOrder,
  type StripeTestApp,
  sendWebhook,
} from './testing.js';

describe('Stripe: disputes (chargebacks) by webhook', () => {
  let t: StripeTestApp;
  before(async () => {
    t = await buildStripeTestApp();
  });
  after(() => t.close());

  const dispute = async (intentId: string, status?: string) => t.stripe.state.openDispute(intentId, status);
  const deliver = async (type: string, object: Parameters<typeof stripeEvent>[1]) => {
    const res = await sendWebhook(t, stripeEvent(type, object));
    assert.equal(res.statusCode, 200);
    await t.drainJobs();
  };
  const downloadStatus = async (path: string) => (await t.app.inject(path)).statusCode;

  test('a dispute revokes downloads and licence keys; won, exactly those come back', async () => {
    const { order, intentId } = await paidOrder(t, { licensed: true, email: 'chargeback@example.com' });
    const link = await downloadPath(t, 'chargeback@example.com');
    assert.equal(await downloadStatus(link), 200);

    const opened = await dispute(intentId);
    await deliver('charge.dispute.created', opened);
    const disputed = await orderById(t, order.id);
    assert.equal(disputed.status, 'disputed');
    assert.ok((await deliveriesOf(t, order.id)).every((d) => d.revoked_at));
    assert.equal((await licenseKeysOf(t, order.id))[0]?.disabled_reason, 'dispute');
    assert.ok([403, 410].includes(await downloadStatus(link)));
    const record = await t.services.database.db
      .selectFrom('order_disputes')
      .selectAll()
      .where('order_id', '=', order.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual([record.dispute_ref, record.status, record.amount_minor], [opened.id, 'open', 1900]);

    const won = t.stripe.state.closeDispute(opened.id, 'won');
    const closed = stripeEvent('charge.dispute.closed', won);
    assert.equal((await sendWebhook(t, closed)).json().duplicate, false);
    assert.equal((await sendWebhook(t, closed)).json().duplicate, true, 'a redelivery is dropped');
    await deliver('charge.dispute.closed', won); // another event about the same dispute: re-read, nothing new
    const restored = await orderById(t, order.id);
    assert.equal(restored.status, 'paid');
    assert.ok((await deliveriesOf(t, order.id)).every((d) => d.revoked_at === null));
    const key = (await licenseKeysOf(t, order.id))[0];
    assert.deepEqual([key?.disabled_at, key?.disabled_reason], [null, null]);
    assert.equal(await downloadStatus(link), 200);
    assert.deepEqual(
      (await orderEvents(t, order.id)).filter((k) => k.startsWith('dispute') || k.startsWith('access')),
      ['disputed', 'access_revoked', 'dispute_won', 'access_restored'],
    );

    const admin = new TestClient(t.app);
    await admin.login();
    const page = await admin.get(`/admin/orders/${order.id}`);
    assert.match(page.body, /Payment disputed by the buyer’s bank/);
    assert.match(page.body, /Dispute won/);
    assert.match(page.body, /Access to downloads restored/);
  });

  test('a delivery revoked before the dispute stays revoked when the dispute is won', async () => {
    const { order, intentId } = await paidOrder(t);
    const earlier = '2026-01-01T00:00:00.000Z';
    await t.services.database.db
      .updateTable('deliveries')
      .set({ revoked_at: earlier })
      .where('order_id', '=', order.id)
      .execute();
    const opened = await dispute(intentId);
    await deliver('charge.dispute.created', opened);
    await deliver('charge.dispute.closed', t.stripe.state.closeDispute(opened.id, 'won'));
    assert.equal((await orderById(t, order.id)).status, 'paid');
    assert.deepEqual(
      (await deliveriesOf(t, order.id)).map((d) => d.revoked_at),
      [earlier],
    );
  });

  test('out of order: "closed as lost" before "created" leaves the order disputed once, access revoked', async () => {
    const { order, intentId } = await paidOrder(t, { licensed: true });
    const opened = await dispute(intentId);
    const createdEvent = stripeEvent('charge.dispute.created', opened);
    const lost = t.stripe.state.closeDispute(opened.id, 'lost');
    await deliver('charge.dispute.closed', lost);
    await sendWebhook(t, createdEvent);
    await t.drainJobs();
    const o = await orderById(t, order.id);
    assert.equal(o.status, 'disputed');
    assert.ok((await deliveriesOf(t, order.id)).every((d) => d.revoked_at));
    assert.equal((await licenseKeysOf(t, order.id))[0]?.disabled_reason, 'dispute');
    assert.deepEqual(
      (await orderEvents(t, order.id)).filter((k) => k.startsWith('dispute')),
      ['disputed'],
      'one dispute event however the news arrived',
    );
    const record = await t.services.database.db
      .selectFrom('order_disputes')
      .select('status')
      .where('order_id', '=', order.id)
      .executeTakeFirstOrThrow();
    assert.equal(record.status, 'lost');
  });

  test('an open dispute that is then lost is recorded; access stays revoked', async () => {
    const { order, intentId } = await paidOrder(t);
    const opened = await dispute(intentId, 'warning_needs_response');
    await deliver('charge.dispute.created', opened);
    assert.equal((await orderById(t, order.id)).status, 'disputed');
    await deliver('charge.dispute.closed', t.stripe.state.closeDispute(opened.id, 'lost'));
    assert.equal((await orderById(t, order.id)).status, 'disputed');
    assert.deepEqual(
      (await orderEvents(t, order.id)).filter((k) => k.startsWith('dispute')),
      ['disputed', 'dispute_lost'],
    );
    assert.ok((await deliveriesOf(t, order.id)).every((d) => d.revoked_at));
  });

  test('a dispute already won when its first event is processed never takes access away', async () => {
    const { order, intentId } = await paidOrder(t);
    const opened = await dispute(intentId);
    const createdEvent = stripeEvent('charge.dispute.created', opened);
    t.stripe.state.closeDispute(opened.id, 'won');
    await sendWebhook(t, createdEvent);
    await t.drainJobs();
    assert.equal((await orderById(t, order.id)).status, 'paid');
    assert.ok((await deliveriesOf(t, order.id)).every((d) => d.revoked_at === null));
    assert.deepEqual(
      (await orderEvents(t, order.id)).filter((k) => k.startsWith('dispute') || k.startsWith('access')),
      ['dispute_won'],
    );
  });
});
