import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { earnedOf, loadAnalytics } from '../analytics/dashboard-data.js';
import { startCheckout } from '../checkout/start-checkout.js';
import { recordHeldBookings } from './client-work.js';
import { slotChoice } from './holds.js';
import { seedBookingType, slotStart } from './testing.js';

/** A booked session's income counts once, as 1:1 work with its hours, never also as 1:n sales. */
describe('bookings in the leverage figures', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
  });
  after(() => t.close());

  test('paid and held: 1:1 income and hours, no 1:n sale, not listed among the 1:n products', async () => {
    const db = t.services.database.db;
    const { productId } = await seedBookingType(t.services, { priceMinor: 11900 });
    const r = await startCheckout(t.services, {
      productId,
      choice: slotChoice(slotStart(2, 9), 'Europe/Berlin'),
      email: 'client@example.com',
      name: 'Client',
      digitalConsent: false,
      serviceConsent: true,
      locale: 'en',
    });
    assert.equal(r.kind, 'redirect');
    if (r.kind !== 'redirect') return;
    await new TestClient(t.app).postForm(r.url, { outcome: 'pay' }, { formPage: r.url });
    await t.drainJobs();
    const booking = await db
      .selectFrom('bookings')
      .selectAll()
      .where('order_id', '=', r.order.id)
      .executeTakeFirstOrThrow();
    const later = new Date(Date.parse(booking.ends_at) + 3600_000);
    assert.equal(await recordHeldBookings(db, later.toISOString()), 1);

    const data = await loadAnalytics(db, { currency: 'EUR', range: 'all', now: later });
    const order = await db.selectFrom('orders').selectAll().where('id', '=', r.order.id).executeTakeFirstOrThrow();
    assert.equal(
      data.sales.reduce((sum, d) => sum + earnedOf(d), 0),
      0,
      'no 1:n income',
    );
    assert.equal(
      data.products.some((p) => p.id === productId),
      false,
    );
    const work = data.clientWork.reduce((sum, w) => sum + w.amount, 0);
    assert.equal(work, order.total_minor - order.tax_minor, '1:1 income without VAT');
    assert.equal(
      data.clientWork.reduce((sum, w) => sum + w.minutes, 0),
      80,
      'the session with its buffers',
    );
  });
});
