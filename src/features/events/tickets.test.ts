import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { orderStatusPath, startCheckout } from '../checkout/start-checkout.js';
import { CUSTOMER_COOKIE, startCustomerSession } from '../library/sessions.js';
import { refundOrder } from '../payments/refund-order.js';
import { offerChoice } from './holds.js';
import { eventsPrivacyPart } from './privacy-part.js';
import { seatsTaken, seedEvent } from './testing.js';

/**
 * A ticket's life: held while its buyer pays, valid when paid, given back
 * when the hold runs out or the order is refunded — to the waiting list
 * first — and never sold twice when a payment arrives late.
 */
describe('events: tickets, holds and the waiting list', () => {
  let t: TestApp;
  const db = () => t.services.database.db;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
  });
  after(() => t.close());

  async function checkout(productId: string, choice: string, email: string) {
    const r = await startCheckout(t.services, {
      productId,
      choice,
      email,
      name: email.split('@')[0] ?? '',
      digitalConsent: false,
      locale: 'en',
    });
    assert.equal(r.kind, 'redirect', JSON.stringify(r));
    if (r.kind !== 'redirect') throw new Error('no order');
    return r;
  }

  async function pay(url: string) {
    const c = new TestClient(t.app);
    await c.postForm(url, { outcome: 'pay' }, { formPage: url });
    await t.drainJobs();
  }

  /** Moves the clock past every hold: the holds' time and their expiry jobs are set to the past. */
  async function letHoldsRunOut() {
    const past = new Date(Date.now() - 1000).toISOString();
    await db()
      .updateTable('event_tickets')
      .set({ hold_expires_at: past })
      .where('status', 'in', ['held', 'offered'])
      .execute();
    await db()
      .updateTable('jobs')
      .set({ run_at: past })
      .where('kind', '=', 'events.hold-expiry')
      .where('status', '=', 'pending')
      .execute();
    await t.drainJobs();
  }

  const ticketOf = (orderId: string) =>
    db().selectFrom('event_tickets').selectAll().where('order_id', '=', orderId).executeTakeFirstOrThrow();

  test('an unpaid hold runs out: the seat goes to the waiting list, whose offer is bought through its link', async () => {
    const event = await seedEvent(t.services, { sessions: [{ startsInHours: 48, capacity: 1 }] });
    const session = event.sessionIds[0] ?? '';
    const first = await checkout(event.productId, event.choice(), 'slow@example.com');
    const full = await startCheckout(t.services, {
      productId: event.productId,
      choice: event.choice(),
      email: 'x@example.com',
      name: '',
      digitalConsent: false,
      locale: 'en',
    });
    assert.deepEqual(full.kind === 'error' && full.error, 'sold-out');

    // Someone joins the waiting list through the public form.
    const visitor = new TestClient(t.app);
    const listUrl = `/events/${event.productId}/waitlist?session=${session}`;
    const bad = await visitor.postForm(listUrl, { email: 'not-an-address' }, { formPage: listUrl });
    assert.equal(bad.statusCode, 400);
    const joined = await visitor.postForm(
      listUrl,
      { email: 'Waiting@Example.com', name: 'Wanda' },
      { formPage: listUrl },
    );
    assert.equal(joined.statusCode, 200);
    assert.match(joined.body, /You are on the waiting list/);

    await letHoldsRunOut();
    assert.equal((await ticketOf(first.order.id)).status, 'released');
    // The seat went straight to the waiting list: still taken, now by the offer.
    assert.equal(await seatsTaken(t.services, session), 1);
    const entry = await db()
      .selectFrom('event_waitlist')
      .selectAll()
      .where('product_id', '=', event.productId)
      .executeTakeFirstOrThrow();
    assert.equal(entry.status, 'offered');
    assert.equal(entry.email, 'waiting@example.com');
    const mail = await db()
      .selectFrom('emails')
      .selectAll()
      .where('to_address', '=', 'waiting@example.com')
      .executeTakeFirstOrThrow();
    assert.match(mail.subject, /A seat is free for you/);
    assert.ok(entry.offer_token);

    // Someone else still finds the session sold out; the offer's link books it.
    const other = await startCheckout(t.services, {
      productId: event.productId,
      choice: event.choice(),
      email: 'y@example.com',
      name: '',
      digitalConsent: false,
      locale: 'en',
    });
    assert.deepEqual(other.kind === 'error' && other.error, 'sold-out');
    const offered = await checkout(event.productId, offerChoice(entry.offer_token ?? ''), 'waiting@example.com');
    await pay(offered.url);
    const ticket = await ticketOf(offered.order.id);
    assert.equal(ticket.status, 'valid');
    assert.equal(ticket.id, entry.ticket_id);
    assert.equal(
      (await db().selectFrom('event_waitlist').select('status').where('id', '=', entry.id).executeTakeFirstOrThrow())
        .status,
      'bought',
    );
    assert.equal(await seatsTaken(t.services, session), 1);
    // The offer link works once.
    const again = await startCheckout(t.services, {
      productId: event.productId,
      choice: offerChoice(entry.offer_token ?? ''),
      email: 'waiting@example.com',
      name: '',
      digitalConsent: false,
      locale: 'en',
    });
    assert.deepEqual(again.kind === 'error' && again.error, 'choice-unavailable');

    // The first buyer pays late, after the seat went to someone else: refunded in full, no ticket.
    await pay(first.url);
    const late = await db().selectFrom('orders').selectAll().where('id', '=', first.order.id).executeTakeFirstOrThrow();
    assert.equal(late.status, 'refunded');
    assert.equal((await ticketOf(first.order.id)).status, 'sold_out');
    assert.equal(await seatsTaken(t.services, session), 1);
  });

  test('paid after the hold ran out while the seat was still free: the ticket is issued', async () => {
    const event = await seedEvent(t.services, { sessions: [{ startsInHours: 48, capacity: 3 }] });
    const order = await checkout(event.productId, event.choice(), 'late@example.com');
    await letHoldsRunOut();
    assert.equal(await seatsTaken(t.services, event.sessionIds[0] ?? ''), 0);
    await pay(order.url);
    assert.equal((await ticketOf(order.order.id)).status, 'valid');
    assert.equal(await seatsTaken(t.services, event.sessionIds[0] ?? ''), 1);
  });

  test('a refund cancels the ticket and frees its seat; the ticket page then says so', async () => {
    const event = await seedEvent(t.services, { sessions: [{ startsInHours: 48, capacity: 2 }] });
    const order = await checkout(event.productId, event.choice(), 'refund@example.com');
    await pay(order.url);
    const ticket = await ticketOf(order.order.id);
    assert.equal(ticket.status, 'valid');
    assert.equal(await refundOrder(t.services, order.order.id, 'test'), 'ok');
    await t.drainJobs();
    assert.equal((await ticketOf(order.order.id)).status, 'cancelled');
    assert.equal(await seatsTaken(t.services, event.sessionIds[0] ?? ''), 0);
    const c = new TestClient(t.app);
    c.setCookie(CUSTOMER_COOKIE, await startCustomerSession(db(), 'refund@example.com'));
    const page = await c.get(`/events/tickets/${ticket.id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /no longer valid/);
    assert.doesNotMatch(page.body, /secret-room-42/);
  });

  test('the meeting link shows on the ticket page from 15 minutes before the start, to its holder only', async () => {
    const event = await seedEvent(t.services, { sessions: [{ startsInHours: 2, capacity: 5 }] });
    const session = event.sessionIds[0] ?? '';
    const order = await checkout(event.productId, event.choice(), 'holder@example.com');
    await pay(order.url);
    const ticket = await ticketOf(order.order.id);
    // The thank-you page leads to the ticket instead of promising downloads.
    const thanks = await new TestClient(t.app).get(orderStatusPath(order.order));
    assert.match(thanks.body, new RegExp(`href="/events/tickets/${ticket.id}"`));
    assert.doesNotMatch(thanks.body, /downloads/i);
    const holder = new TestClient(t.app);
    holder.setCookie(CUSTOMER_COOKIE, await startCustomerSession(db(), 'holder@example.com'));
    const moveStart = async (minutesFromNow: number) => {
      const start = Date.now() + minutesFromNow * 60_000;
      await db()
        .updateTable('event_sessions')
        .set({ starts_at: new Date(start).toISOString(), ends_at: new Date(start + 3600_000).toISOString() })
        .where('id', '=', session)
        .execute();
    };
    await moveStart(16);
    const early = await holder.get(`/events/tickets/${ticket.id}`);
    assert.equal(early.statusCode, 200);
    assert.doesNotMatch(early.body, /secret-room-42/);
    assert.match(early.body, /appears here from/);
    await moveStart(14);
    const soon = await holder.get(`/events/tickets/${ticket.id}`);
    assert.match(soon.body, /https:\/\/meet\.example\.com\/secret-room-42/);
    assert.match(String(soon.headers['cache-control']), /no-store/);

    // Another customer, and nobody signed in, get nothing.
    const stranger = new TestClient(t.app);
    stranger.setCookie(CUSTOMER_COOKIE, await startCustomerSession(db(), 'stranger@example.com'));
    assert.equal((await stranger.get(`/events/tickets/${ticket.id}`)).statusCode, 404);
    const anonymous = await new TestClient(t.app).get(`/events/tickets/${ticket.id}`);
    assert.equal(anonymous.statusCode, 303);
    // Nor does any email to the holder carry the link.
    const mails = await db().selectFrom('emails').selectAll().where('to_address', '=', 'holder@example.com').execute();
    assert.ok(mails.length > 0);
    for (const m of mails) assert.doesNotMatch(JSON.stringify(m), /secret-room-42/);
  });

  test('an expired order lets its seats go at once; a bad or stale choice never becomes an order', async () => {
    const event = await seedEvent(t.services, {
      sessions: [
        { startsInHours: 48, capacity: 2 },
        { startsInHours: 72, capacity: 2 },
      ],
    });
    const order = await checkout(event.productId, event.choice(), 'expire@example.com');
    await db()
      .transaction()
      .execute(async (trx) => {
        const row = await trx
          .selectFrom('orders')
          .selectAll()
          .where('id', '=', order.order.id)
          .executeTakeFirstOrThrow();
        await t.services.orders.expire(trx, row);
      });
    assert.equal((await ticketOf(order.order.id)).status, 'released');
    assert.equal(await seatsTaken(t.services, event.sessionIds[0] ?? ''), 0);

    const buyer = new TestClient(t.app);
    const first = await buyer.get(`/checkout?product=${event.productId}`);
    assert.equal(first.statusCode, 200);
    assert.match(first.body, /<form method="get" action="\/checkout"/);
    assert.match(first.body, /name="choice"/);
    const form = `/checkout?product=${event.productId}&choice=${event.choice()}`;
    const page = await buyer.get(form);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(`<input type="hidden" name="choice" value="${event.choice()}"`));
    const missing = await buyer.postForm(
      '/checkout',
      { productId: event.productId, email: 'a@example.com' },
      { formPage: form },
    );
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /Please choose a date and ticket/);
    const forged = await buyer.postForm(
      '/checkout',
      { productId: event.productId, email: 'a@example.com', choice: 's.x.y' },
      { formPage: form },
    );
    assert.equal(forged.statusCode, 400);
    assert.match(forged.body, /can no longer be booked/);
    await db()
      .updateTable('event_sessions')
      .set({ status: 'cancelled' })
      .where('id', '=', event.sessionIds[0] ?? '')
      .execute();
    // The form of the other date, still open, carries the token for a stale post of the cancelled one.
    const cancelled = await buyer.postForm(
      '/checkout',
      { productId: event.productId, email: 'a@example.com', choice: event.choice() },
      { formPage: `/checkout?product=${event.productId}&choice=${event.choice(1)}` },
    );
    assert.equal(cancelled.statusCode, 400);
    const orders = await db().selectFrom('orders').select('id').where('email', '=', 'a@example.com').execute();
    assert.equal(orders.length, 0);
  });

  test('privacy: the export lists the tickets and waiting-list entries; erasure blanks the ticket and drops the entry', async () => {
    const event = await seedEvent(t.services, { sessions: [{ startsInHours: 48, capacity: 1 }] });
    const order = await checkout(event.productId, event.choice(), 'private@example.com');
    await pay(order.url);
    await joinWaitlistDirect(event.productId, event.sessionIds[0] ?? '', 'private@example.com');
    const exported = await eventsPrivacyPart.export?.(db(), {
      address: 'private@example.com',
      orderIds: [order.order.id],
    });
    assert.ok(exported);
    assert.equal((exported.eventTickets as unknown[]).length, 1);
    assert.equal((exported.eventWaitlist as unknown[]).length, 1);
    const counts = await db()
      .transaction()
      .execute(
        async (trx) => (await eventsPrivacyPart.erase?.(trx, 'private@example.com', new Date().toISOString())) ?? {},
      );
    assert.deepEqual(counts, { eventWaitlist: 1, eventTickets: 1 });
    const ticket = await ticketOf(order.order.id);
    assert.equal(ticket.email, `erased:${ticket.id}`);
    assert.equal(ticket.status, 'valid');
  });

  async function joinWaitlistDirect(productId: string, sessionId: string, email: string) {
    const visitor = new TestClient(t.app);
    const url = `/events/${productId}/waitlist?session=${sessionId}`;
    const r = await visitor.postForm(url, { email }, { formPage: url });
    assert.equal(r.statusCode, 200);
  }
});
