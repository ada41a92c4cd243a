import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp } from '../../testing/app.js';
import { ordersToRefund } from './cancel.jobs.js';
import { makeDue, seedEvent, seedPaidOrder, seedTicket } from './mail-testing.js';
import { cancelSession } from './session-changes.js';

describe('events: a session cancelled with refunds', () => {
  let t: TestApp;
  let drain: () => Promise<number>;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    drain = t.drainJobs;
  });
  after(() => t.close());

  async function orderStatus(id: string) {
    const o = await t.services.database.db
      .selectFrom('orders')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return o.status;
  }

  async function refundJob(sessionId: string, orderId: string) {
    return t.services.database.db
      .selectFrom('jobs')
      .selectAll()
      .where('unique_key', '=', `event-session-refund:${sessionId}:${orderId}`)
      .executeTakeFirstOrThrow();
  }

  test('each paid order of a ticket to this session alone is refunded by its own job; a refused refund stays visible and stops no other', async () => {
    const { productId, sessionIds } = await seedEvent(t, { days: [3, 10] });
    const [s1, s2] = sessionIds as [string, string];
    const paid = await seedPaidOrder(t, productId, 'paid@example.com', { testPayment: true });
    await seedTicket(t, productId, [s1], { email: 'paid@example.com', orderId: paid });
    // No payment the provider knows: its refund is refused.
    const refused = await seedPaidOrder(t, productId, 'refused@example.com', { testPayment: false });
    await seedTicket(t, productId, [s1], { email: 'refused@example.com', orderId: refused });
    const paid2 = await seedPaidOrder(t, productId, 'paid2@example.com', { testPayment: true });
    await seedTicket(t, productId, [s1], { email: 'paid2@example.com', orderId: paid2 });
    // A ticket to every session keeps its order; so does a ticket to another session.
    const whole = await seedPaidOrder(t, productId, 'whole@example.com', { testPayment: true });
    await seedTicket(t, productId, [s1, s2], { email: 'whole@example.com', orderId: whole });
    const other = await seedPaidOrder(t, productId, 'other@example.com', { testPayment: true });
    await seedTicket(t, productId, [s2], { email: 'other@example.com', orderId: other });

    assert.deepEqual((await ordersToRefund(t.services.database.db, s1)).refund.sort(), [paid, paid2, refused].sort());

    assert.equal(await cancelSession(t.services, s1, { refund: true }, 'owner@example.com'), 'ok');
    await drain();
    assert.equal(await orderStatus(paid), 'refunded');
    assert.equal(await orderStatus(paid2), 'refunded');
    assert.equal(await orderStatus(whole), 'paid');
    assert.equal(await orderStatus(other), 'paid');
    assert.equal(await orderStatus(refused), 'paid');
    // The refund ends the ticket through the order core, and its holder gets the cancellation with METHOD:CANCEL.
    const { db } = t.services.database;
    const ended = await db
      .selectFrom('event_tickets')
      .select('status')
      .where('order_id', '=', paid)
      .executeTakeFirstOrThrow();
    assert.equal(ended.status, 'cancelled');
    const mails = await db
      .selectFrom('emails')
      .select(['template', 'calendar'])
      .where('to_address', '=', 'paid@example.com')
      .execute();
    assert.deepEqual(mails.map((m) => m.template).sort(), ['event-session-cancelled', 'event-ticket-cancelled']);
    for (const m of mails) assert.match(m.calendar ?? '', /^METHOD:CANCEL\r$/m);

    // The refused refund is retried, and after its last attempt it is a dead job with the reason, for the creator to see.
    let job = await refundJob(s1, refused);
    assert.equal(job.status, 'pending');
    assert.match(job.last_error ?? '', /refused the refund/);
    for (let i = 0; i < 10 && job.status === 'pending'; i++) {
      await makeDue(t, `event-session-refund:${s1}:${refused}`);
      await drain();
      job = await refundJob(s1, refused);
    }
    assert.equal(job.status, 'dead');
    assert.equal(job.attempts, job.max_attempts);
    assert.equal((await refundJob(s1, paid)).status, 'done');

    const audit = await t.services.database.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('action', 'in', ['event.session-cancelled', 'event.session-refunds'])
      .execute();
    assert.deepEqual(audit.map((a) => a.action).sort(), ['event.session-cancelled', 'event.session-refunds']);
    assert.ok(audit.find((a) => a.action === 'event.session-refunds')?.detail.includes(whole));
  });

  test('without refunds, no refund job is enqueued', async () => {
    const { productId, sessionIds } = await seedEvent(t, { days: [4] });
    const [s] = sessionIds as [string];
    const order = await seedPaidOrder(t, productId, 'keep@example.com', { testPayment: true });
    await seedTicket(t, productId, [s], { email: 'keep@example.com', orderId: order });
    assert.equal(await cancelSession(t.services, s, { refund: false }, 'owner@example.com'), 'ok');
    await drain();
    assert.equal(await orderStatus(order), 'paid');
    const jobs = await t.services.database.db
      .selectFrom('jobs')
      .select('id')
      .where('kind', 'in', ['events.session-refunds', 'events.session-order-refund'])
      .where('payload', 'like', `%${s}%`)
      .execute();
    assert.equal(jobs.length, 0);
  });
});
