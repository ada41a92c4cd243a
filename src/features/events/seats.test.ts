import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { startCheckout } from '../checkout/start-checkout.js';
import { seatsTaken, seedEvent } from './testing.js';

/**
 * The promise of an event's seats: never more tickets than the capacity, under
 * any number of buyers at once, on SQLite and PostgreSQL alike.
 */
describe('events: seats are never oversold', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
  });
  after(() => t.close());

  const checkout = (productId: string, choice: string, n: number) =>
    startCheckout(t.services, {
      productId,
      choice,
      email: `buyer${n}@example.com`,
      name: `Buyer ${n}`,
      digitalConsent: false,
      locale: 'en',
    });

  test('200 concurrent checkouts for the last 10 seats: 10 orders hold a seat, 190 are told it is sold out', async () => {
    const event = await seedEvent(t.services, { sessions: [{ startsInHours: 72, capacity: 30 }] });
    const session = event.sessionIds[0] ?? '';
    // 20 of 30 seats gone already.
    await t.services.database.db
      .updateTable('event_seat_counts')
      .set({ taken: 20 })
      .where('session_id', '=', session)
      .execute();

    const results = await Promise.all(
      Array.from({ length: 200 }, (_, n) => checkout(event.productId, event.choice(), n)),
    );

    const held = results.filter((r) => r.kind === 'redirect');
    const soldOut = results.filter((r) => r.kind === 'error' && r.error === 'sold-out');
    assert.equal(held.length, 10);
    assert.equal(
      soldOut.length,
      190,
      JSON.stringify(results.filter((r) => r.kind === 'error' && r.error !== 'sold-out')),
    );
    assert.equal(await seatsTaken(t.services, session), 30);
    const { db } = t.services.database;
    const tickets = await db
      .selectFrom('event_tickets')
      .select(['status', 'order_id'])
      .where('product_id', '=', event.productId)
      .execute();
    assert.equal(tickets.length, 10);
    assert.ok(tickets.every((x) => x.status === 'held'));
    // A sold-out checkout left no order behind.
    const orders = await db
      .selectFrom('order_items')
      .select('order_id')
      .where('product_id', '=', event.productId)
      .execute();
    assert.deepEqual(new Set(orders.map((o) => o.order_id)), new Set(tickets.map((x) => x.order_id)));

    // Every held order pays: 10 valid tickets, still 30 of 30.
    for (const r of held) {
      if (r.kind !== 'redirect') continue;
      const c = new TestClient(t.app);
      await c.postForm(r.url, { outcome: 'pay' }, { formPage: r.url });
    }
    await t.drainJobs();
    const valid = await db
      .selectFrom('event_tickets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('product_id', '=', event.productId)
      .where('status', '=', 'valid')
      .executeTakeFirstOrThrow();
    assert.equal(Number(valid.n), 10);
    assert.equal(await seatsTaken(t.services, session), 30);
  });

  test('a ticket for every meeting of a course takes a seat in each, or none when one is full', async () => {
    const event = await seedEvent(t.services, {
      sessions: [
        { startsInHours: 24, capacity: 5 },
        { startsInHours: 48, capacity: 1 },
      ],
      settings: { ticketScope: 'all' },
    });
    const [first = '', second = ''] = event.sessionIds;
    const ok = await checkout(event.productId, event.allChoice, 1);
    assert.equal(ok.kind, 'redirect');
    const full = await checkout(event.productId, event.allChoice, 2);
    assert.deepEqual(full.kind === 'error' && full.error, 'sold-out');
    // The second meeting was full: the first keeps only the first buyer's seat.
    assert.equal(await seatsTaken(t.services, first), 1);
    assert.equal(await seatsTaken(t.services, second), 1);
    // A per-session choice is not for sale on such an event.
    const wrong = await checkout(event.productId, event.choice(0), 3);
    assert.deepEqual(wrong.kind === 'error' && wrong.error, 'choice-unavailable');
  });
});
