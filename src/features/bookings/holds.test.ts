import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { testDialect } from '../../testing/database.js';
import { startCheckout } from '../checkout/start-checkout.js';
import { refundOrder } from '../payments/refund-order.js';
import { recordHeldBookings } from './client-work.js';
import { slotChoice } from './holds.js';
import { seedBookingType, slotStart } from './testing.js';

/**
 * The promise of a booking: one time, one client — under any number of
 * clients at once, on SQLite and PostgreSQL alike — held while they pay,
 * freed when they do not, and counted as 1:1 work once it has taken place.
 */
describe('bookings: a slot is never booked twice', () => {
  let t: TestApp;
  const db = () => t.services.database.db;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
  });
  after(() => t.close());

  const book = (productId: string, start: string, n: number | string, zone = 'Europe/Berlin') =>
    startCheckout(t.services, {
      productId,
      choice: slotChoice(start, zone),
      email: typeof n === 'string' ? n : `client${n}@example.com`,
      name: `Client ${n}`,
      digitalConsent: false,
      serviceConsent: true,
      locale: 'en',
    });

  async function pay(url: string) {
    await new TestClient(t.app).postForm(url, { outcome: 'pay' }, { formPage: url });
    await t.drainJobs();
  }

  test('100 concurrent attempts at one slot: one holds it, 99 are told it was just taken', async () => {
    const { productId } = await seedBookingType(t.services);
    const start = slotStart(3, 10);
    const results = await Promise.all(Array.from({ length: 100 }, (_, n) => book(productId, start, n)));
    const held = results.filter((r) => r.kind === 'redirect');
    const taken = results.filter((r) => r.kind === 'error' && r.error === 'slot-taken');
    assert.equal(held.length, 1);
    assert.equal(
      taken.length,
      99,
      JSON.stringify(results.filter((r) => r.kind === 'error' && r.error !== 'slot-taken').slice(0, 3)),
    );
    const rows = await db().selectFrom('bookings').selectAll().where('product_id', '=', productId).execute();
    assert.equal(rows.length, 1);
    // 11:00's block (10:50–12:10) meets 10:00's (09:50–11:10): the buffers keep them apart.
    const next = await book(productId, slotStart(3, 11), 'next@example.com');
    assert.deepEqual(
      next.kind === 'error' && next.error,
      'slot-taken',
      'the buffers keep 11:00 from following 10:00 at once',
    );
    const later = await book(productId, slotStart(3, 12), 'later@example.com');
    assert.equal(later.kind, 'redirect');
  });

  test('paid: confirmed, then counted as 1:1 hours and income once it has taken place; a refund frees the time', async () => {
    const { productId } = await seedBookingType(t.services, { priceMinor: 11900 });
    const start = slotStart(4, 9);
    const r = await book(productId, start, 'paid@example.com');
    assert.equal(r.kind, 'redirect');
    if (r.kind !== 'redirect') return;
    await pay(r.url);
    const booking = await db()
      .selectFrom('bookings')
      .selectAll()
      .where('order_id', '=', r.order.id)
      .executeTakeFirstOrThrow();
    assert.equal(booking.status, 'confirmed');
    assert.equal(booking.block_start, new Date(Date.parse(start) - 10 * 60_000).toISOString());

    // Nothing is recorded before the session; afterwards, once.
    assert.equal(await recordHeldBookings(db()), 0);
    const after = new Date(Date.parse(booking.ends_at) + 60_000).toISOString();
    assert.equal(await recordHeldBookings(db(), after), 1);
    assert.equal(await recordHeldBookings(db(), after), 0);
    const work = await db()
      .selectFrom('client_work')
      .selectAll()
      .where('id', '=', `booking:${booking.id}`)
      .executeTakeFirstOrThrow();
    assert.equal(work.minutes, 80, 'the session and its buffers');
    const order = await db().selectFrom('orders').selectAll().where('id', '=', r.order.id).executeTakeFirstOrThrow();
    assert.equal(work.amount_minor, order.total_minor - order.tax_minor, 'the income without VAT');

    assert.equal(await refundOrder(t.services, r.order.id, 'test'), 'ok');
    await t.drainJobs();
    const cancelled = await db()
      .selectFrom('bookings')
      .selectAll()
      .where('id', '=', booking.id)
      .executeTakeFirstOrThrow();
    assert.equal(cancelled.status, 'cancelled');
    assert.equal(cancelled.sequence, booking.sequence + 1);
    assert.equal((await book(productId, start, 'again@example.com')).kind, 'redirect', 'the time is free again');
  });

  test('an unpaid hold runs out and frees the slot; paying late when it is taken refunds in full', async () => {
    const { productId } = await seedBookingType(t.services);
    const start = slotStart(5, 14);
    const slow = await book(productId, start, 'slow@example.com');
    assert.equal(slow.kind, 'redirect');
    if (slow.kind !== 'redirect') return;
    const past = new Date(Date.now() - 1000).toISOString();
    await db().updateTable('bookings').set({ hold_expires_at: past }).where('order_id', '=', slow.order.id).execute();
    await db()
      .updateTable('jobs')
      .set({ run_at: past })
      .where('kind', '=', 'bookings.hold-expiry')
      .where('status', '=', 'pending')
      .execute();
    await t.drainJobs();
    const released = await db()
      .selectFrom('bookings')
      .select('status')
      .where('order_id', '=', slow.order.id)
      .executeTakeFirstOrThrow();
    assert.equal(released.status, 'released');
    const quick = await book(productId, start, 'quick@example.com');
    assert.equal(quick.kind, 'redirect');
    if (quick.kind !== 'redirect') return;
    await pay(quick.url);
    await pay(slow.url);
    const late = await db()
      .selectFrom('orders')
      .select('status')
      .where('id', '=', slow.order.id)
      .executeTakeFirstOrThrow();
    assert.equal(late.status, 'refunded');
    const active = await db()
      .selectFrom('bookings')
      .select('email')
      .where('product_id', '=', productId)
      .where('status', '=', 'confirmed')
      .execute();
    assert.deepEqual(
      active.map((b) => b.email),
      ['quick@example.com'],
    );
  });

  test('a slot outside the hours, in the past or malformed never becomes an order; the early-start request is required', async () => {
    const { productId } = await seedBookingType(t.services);
    const night = await book(productId, slotStart(3, 23), 'night@example.com');
    assert.deepEqual(night.kind === 'error' && night.error, 'choice-unavailable');
    const past = await book(productId, slotStart(-1, 10), 'past@example.com');
    assert.deepEqual(past.kind === 'error' && past.error, 'choice-unavailable');
    const forged = await startCheckout(t.services, {
      productId,
      choice: 'b|yesterday|Mars/Base',
      email: 'f@example.com',
      name: '',
      digitalConsent: false,
      serviceConsent: true,
      locale: 'en',
    });
    assert.deepEqual(forged.kind === 'error' && forged.error, 'choice-unavailable');
    const noConsent = await startCheckout(t.services, {
      productId,
      choice: slotChoice(slotStart(6, 10), null),
      email: 'c@example.com',
      name: '',
      digitalConsent: false,
      locale: 'en',
    });
    assert.deepEqual(noConsent.kind === 'error' && noConsent.error, 'service-consent-missing');
  });

  test('on PostgreSQL the database itself refuses an overlapping booking (exclusion constraint)', {
    skip: testDialect !== 'postgres',
  }, async () => {
    const { productId } = await seedBookingType(t.services);
    const first = await book(productId, slotStart(7, 10), 'first@example.com');
    assert.equal(first.kind, 'redirect');
    const row = await db()
      .selectFrom('bookings')
      .selectAll()
      .where('product_id', '=', productId)
      .executeTakeFirstOrThrow();
    const copy = { ...row, id: randomUUID(), manage_token: randomUUID(), order_id: null };
    await assert.rejects(
      db().insertInto('bookings').values(copy).execute(),
      (err: { code?: string }) => err.code === '23P01',
    );
  });
});
