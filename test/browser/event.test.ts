// A live event from the attendee's side in a real browser: pick a date and
// ticket on the product page, pay, find the ticket in the library; the
// meeting link appears on the ticket page only from 15 minutes before the
// start; on site, the creator scans the ticket's code with a phone and checks
// the attendee in once.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { seedEvent } from '../../src/features/events/testing.js';
import { CUSTOMER_COOKIE, startCustomerSession } from '../../src/features/library/sessions.js';
import { TEST_ADMIN } from '../../src/testing/app.js';
import { collectPageErrors, liveStoreWithBrowser, skipWithoutChromium } from './browser.js';

describe('browser: a ticket from the purchase to the check-in', { skip: skipWithoutChromium }, () => {
  const live = liveStoreWithBrowser('Gartenwerk');

  test('buy a ticket → the link appears at T−15 min → on site, checked in from a phone', async () => {
    const { t, browser } = live;
    const db = t.services.database.db;
    const online = await seedEvent(t.services, {
      title: 'Pruning webinar',
      sessions: [{ startsInHours: 3, capacity: 10 }],
    });
    const slug = (
      await db.selectFrom('products').select('slug').where('id', '=', online.productId).executeTakeFirstOrThrow()
    ).slug;

    /** The ticket once the worker has fulfilled the paid order (a moment after the thank-you page). */
    const validTicket = async (productId: string) => {
      for (let i = 0; i < 200; i++) {
        const row = await db
          .selectFrom('event_tickets')
          .select(['id', 'check_in_token', 'status'])
          .where('product_id', '=', productId)
          .executeTakeFirst();
        if (row?.status === 'valid') return row;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('the ticket was not issued');
    };

    const page = await browser.context.newPage();
    page.setDefaultTimeout(30_000);
    const errors = collectPageErrors(page);
    await page.goto(`${t.base}/p/${slug}`);
    await page.getByRole('heading', { name: 'Dates' }).waitFor();
    await page.getByLabel(/Regular · €49\.00/).check();
    await page.getByRole('button', { name: 'Continue to checkout' }).click();
    await page.getByText('Total price').waitFor();
    assert.match((await page.locator('.checkout-product').textContent()) ?? '', /Pruning webinar — Regular/);
    await page.getByLabel('Email address').fill('attendee@example.com');
    await Promise.all([page.waitForURL(/\/pay\/test\//), page.getByRole('button', { name: /Buy now/ }).click()]);
    await Promise.all([
      page.waitForURL(/\/checkout\/orders\//),
      page.getByRole('button', { name: 'Pay (succeeds)' }).click(),
    ]);
    await page.getByRole('heading', { name: 'Thank you for your purchase!' }).waitFor();
    await validTicket(online.productId);

    const { hostname } = new URL(t.base);
    const session = await startCustomerSession(db, 'attendee@example.com');
    await browser.context.addCookies([{ name: CUSTOMER_COOKIE, value: session, domain: hostname, path: '/' }]);
    await page.goto(`${t.base}/library`);
    await page.getByRole('link', { name: 'Pruning webinar' }).click();
    await page.getByRole('heading', { name: 'Ticket: Pruning webinar' }).waitFor();
    await page.getByText(/The link to join appears here from/).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Join the session now' }).count(), 0);

    // The clock moves on: the session now starts in 14 minutes.
    const start = Date.now() + 14 * 60_000;
    await db
      .updateTable('event_sessions')
      .set({ starts_at: new Date(start).toISOString(), ends_at: new Date(start + 3600_000).toISOString() })
      .where('id', '=', online.sessionIds[0] ?? '')
      .execute();
    await page.reload();
    const join = page.getByRole('link', { name: 'Join the session now' });
    assert.equal(await join.getAttribute('href'), 'https://meet.example.com/secret-room-42');

    // On site: a second ticket, its code scanned by the creator's phone.
    const onsite = await seedEvent(t.services, {
      title: 'Pruning in the orchard',
      sessions: [{ startsInHours: 1, capacity: 10 }],
      settings: { format: 'onsite', venue: 'Obstwiese 3\n12345 Gartenstadt' },
    });
    const onsiteSlug = (
      await db.selectFrom('products').select('slug').where('id', '=', onsite.productId).executeTakeFirstOrThrow()
    ).slug;
    await page.goto(`${t.base}/p/${onsiteSlug}`);
    await page.getByRole('button', { name: 'Continue to checkout' }).click();
    await page.getByLabel('Email address').fill('attendee@example.com');
    await Promise.all([page.waitForURL(/\/pay\/test\//), page.getByRole('button', { name: /Buy now/ }).click()]);
    await Promise.all([
      page.waitForURL(/\/checkout\/orders\//),
      page.getByRole('button', { name: 'Pay (succeeds)' }).click(),
    ]);
    const ticket = await validTicket(onsite.productId);
    await page.goto(`${t.base}/events/tickets/${ticket.id}`);
    await page.getByRole('img', { name: 'QR code of your ticket for the check-in' }).waitFor();
    assert.match(await page.content(), /<svg/);

    const phone = await browser.context.browser()?.newContext({ viewport: { width: 390, height: 844 } });
    assert.ok(phone);
    const scanner = await phone.newPage();
    const scanErrors = collectPageErrors(scanner);
    await scanner.goto(`${t.base}/admin/events/check-in/${ticket.check_in_token}`);
    // Not signed in: the admin login first, then back to the ticket.
    await scanner.locator('input[name="email"]').fill(TEST_ADMIN.email);
    await scanner.locator('input[name="password"]').fill(TEST_ADMIN.password);
    await Promise.all([
      scanner.waitForURL(/\/admin\/events\/check-in\//),
      scanner.locator('form button[type="submit"]').first().click(),
    ]);
    await scanner.getByRole('button', { name: 'Check in' }).click();
    await scanner.getByText(/Checked in at/).waitFor();
    await scanner.goto(`${t.base}/admin/events/check-in/${ticket.check_in_token}`);
    await scanner.getByText(/Already checked in at/).waitFor();
    const wide = await scanner.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= 390, `the check-in page fits a phone (${wide} px)`);
    await phone.close();
    assert.deepEqual([...errors, ...scanErrors], []);
  });
});
