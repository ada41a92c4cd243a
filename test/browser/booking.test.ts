// A 1:1 session from the client's side in a real browser, in another time
// zone than the store's: the free times appear on the client's clock, the
// client pays, the invitation arrives, the client moves the booking to
// another time (same calendar entry, higher sequence), and once the session
// has taken place it counts as 1:1 work in the creator's figures.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { recordHeldBookings } from '../../src/features/bookings/client-work.js';
import { seedBookingType } from '../../src/features/bookings/testing.js';
import { TestClient } from '../../src/testing/app.js';
import { collectPageErrors, liveStoreWithBrowser, skipWithoutChromium } from './browser.js';

describe('browser: book a 1:1 session from another time zone', { skip: skipWithoutChromium }, () => {
  const live = liveStoreWithBrowser('Gartenwerk');

  test('pick a slot on the client’s clock → pay → invitation → reschedule → in the leverage figures', async () => {
    const { t, browser } = live;
    const db = t.services.database.db;
    const { productId } = await seedBookingType(t.services, { title: 'Garden consultation', priceMinor: 9000 });
    const { slug } = await db
      .selectFrom('products')
      .select('slug')
      .where('id', '=', productId)
      .executeTakeFirstOrThrow();

    // The store keeps Berlin time; this client's browser is in New York.
    const client = await browser.context.browser()?.newContext({ timezoneId: 'America/New_York', locale: 'en-US' });
    assert.ok(client);
    const page = await client.newPage();
    page.setDefaultTimeout(30_000);
    const errors = collectPageErrors(page);
    await page.goto(`${t.base}/p/${slug}`);
    await page.getByRole('button', { name: 'Choose a time' }).click();
    await page.waitForURL(/d\.tz=America%2FNew_York/);
    assert.equal(await page.locator('#slot-zone').inputValue(), 'America/New_York');
    // Berlin's 08:00–20:00 is New York's 02:00–14:00: the first time of a day two days on (free to move for a day more).
    const first = page.locator('.slot-day').nth(2).locator('input[type="radio"]').first();
    const firstLabel = (await page.locator(`label[for="${await first.getAttribute('id')}"]`).textContent()) ?? '';
    assert.match(firstLabel, /^0[23]:00/, `the first time on a New York clock: ${firstLabel}`);
    const choice = String(await first.getAttribute('value'));
    const start = choice.split('|')[1] ?? '';
    await first.check();
    await page.getByRole('button', { name: 'Continue to checkout' }).click();
    await page.getByText('Total price').waitFor();
    await page.getByLabel('Email address').fill('client@example.com');
    await page.getByLabel(/I expressly request that you begin the service/).check();
    await Promise.all([page.waitForURL(/\/pay\/test\//), page.getByRole('button', { name: /Buy now/ }).click()]);
    await Promise.all([
      page.waitForURL(/\/checkout\/orders\//),
      page.getByRole('button', { name: 'Pay (succeeds)' }).click(),
    ]);
    await page.getByRole('heading', { name: 'Thank you for your purchase!' }).waitFor();
    // The worker confirms the paid booking a moment after the thank-you page; that page then links it.
    const bookingNow = () =>
      db.selectFrom('bookings').selectAll().where('product_id', '=', productId).executeTakeFirstOrThrow();
    let booking = await bookingNow();
    for (let i = 0; i < 200 && booking.status !== 'confirmed'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      booking = await bookingNow();
    }
    await page.reload();
    assert.equal(booking.status, 'confirmed');
    assert.equal(booking.starts_at, start);
    assert.equal(booking.client_time_zone, 'America/New_York');

    // The invitation: METHOD:REQUEST, the booking's UID, sequence 0.
    const confirmed = await waitForEmail(t, 'booking-confirmed');
    assert.match(confirmed, /METHOD:REQUEST/);
    assert.match(confirmed, new RegExp(`UID:${booking.id}@`));
    assert.match(confirmed, /SEQUENCE:0/);

    // Rescheduled from the thank-you page's link: the same UID with SEQUENCE 1.
    await page.getByRole('link', { name: /reschedule or cancel/ }).click();
    await page.getByRole('link', { name: 'Choose another time' }).click();
    await page.locator('input[name="start"]').nth(3).check();
    await page.getByRole('button', { name: 'Move to this time' }).click();
    await page.getByText('Your booking has been moved').waitFor();
    const moved = await db.selectFrom('bookings').selectAll().where('id', '=', booking.id).executeTakeFirstOrThrow();
    assert.notEqual(moved.starts_at, booking.starts_at);
    assert.equal(moved.sequence, 1);
    const update = await waitForEmail(t, 'booking-rescheduled');
    assert.match(update, new RegExp(`UID:${booking.id}@`));
    assert.match(update, /SEQUENCE:1/);
    await client.close();

    // The session takes place: its hours and income appear on the creator's effort page.
    const after = new Date(Date.parse(moved.ends_at) + 60_000).toISOString();
    assert.equal(await recordHeldBookings(db, after), 1);
    const admin = new TestClient(t.app);
    await admin.login();
    const effort = await admin.get('/admin/analytics/effort');
    assert.match(effort.body, /1:1 session: Garden consultation/);
    assert.deepEqual(errors, []);
  });
});

/** The text of the newest email of a template, calendar part included, once the worker has queued it. */
async function waitForEmail(
  t: { services: { database: { db: import('kysely').Kysely<import('../../src/db/schema.js').DB> } } },
  template: string,
) {
  for (let i = 0; i < 100; i++) {
    const mail = await t.services.database.db
      .selectFrom('emails')
      .selectAll()
      .where('template', '=', template)
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    if (mail) return JSON.stringify(mail).replaceAll('\\r\\n', '\n').replaceAll('\\n', '\n');
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no ${template} email`);
}
