// Memberships in a real browser: choose a tier, subscribe with the § 312j button,
// pay on the test page, then cancel through the footer's § 312k link without logging in.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { seedTier } from '../../src/features/memberships/testing.js';
import { collectPageErrors, liveStoreWithBrowser, skipWithoutChromium } from './browser.js';

describe('browser: subscribe to a membership and cancel it from the footer', { skip: skipWithoutChromium }, () => {
  const live = liveStoreWithBrowser('Marktbrief');

  test('membership page → subscribe → pay → active; footer "Cancel contracts here" → cancels at period end + email', async () => {
    const { t, browser } = live;
    await seedTier(t.services, { name: 'Insider', monthly: 900, yearly: 9000 });
    const db = t.services.database.db;
    const page = await browser.context.newPage();
    page.setDefaultTimeout(20_000);
    const errors = collectPageErrors(page);

    await page.goto(`${t.base}/membership`);
    await page.getByLabel(/Yearly/).check();
    await page.getByRole('button', { name: 'Choose Insider' }).click();
    await page.getByText(/You subscribe to Insider: €90\.00 per year, billed every year/).waitFor();
    await page.getByLabel('Email').fill('reader@example.com');
    await page.getByRole('button', { name: 'Subscribe with obligation to pay' }).click();
    // The browser refuses already: the early-start box is required in the HTML (the server refuses too, over HTTP).
    const box = page.getByLabel(/I request that the membership starts immediately/);
    assert.equal(await box.evaluate((el) => (el as HTMLInputElement).validity.valueMissing), true);
    assert.equal(await db.selectFrom('subscriptions').select('id').executeTakeFirst(), undefined);
    await page.getByLabel(/I request that the membership starts immediately/).check();
    await Promise.all([
      page.waitForURL(/\/pay\/test\//),
      page.getByRole('button', { name: 'Subscribe with obligation to pay' }).click(),
    ]);
    await page.getByRole('button', { name: 'Pay (succeeds)' }).click();
    const sub = await waitFor(async () => {
      const row = await db.selectFrom('subscriptions').selectAll().where('status', '=', 'active').executeTakeFirst();
      return row;
    });
    assert.equal(sub.interval, 'year');
    assert.equal(Number(sub.price_minor), 9000);

    await page.goto(`${t.base}/`);
    await page.getByRole('link', { name: 'Cancel contracts here' }).click();
    await page.getByLabel('Email address of the contract').fill('reader@example.com');
    await page.getByRole('button', { name: 'Cancel now' }).click();
    await page.getByRole('heading', { name: 'Cancellation received' }).waitFor();
    // The page answers at once for any address; a job applies the cancellation.
    const canceled = await waitFor(() =>
      db
        .selectFrom('subscriptions')
        .selectAll()
        .where('id', '=', sub.id)
        .where('cancel_at_period_end', '=', 1)
        .executeTakeFirst(),
    );
    assert.equal(canceled.cancel_at_period_end, 1);
    assert.equal(canceled.status, 'active', 'access until the period ends');
    await waitFor(() =>
      db
        .selectFrom('emails')
        .select('id')
        .where('template', '=', 'membership-cancellation-received')
        .where('to_address', '=', 'reader@example.com')
        .executeTakeFirst(),
    );

    // The refused first try answered 400 by design; nothing else may fail.
    const unexpected = errors.filter((e) => !/HTTP 400: .*\/membership\/subscribe$|status of 400/.test(e));
    assert.deepEqual(unexpected, []);
  });
});

async function waitFor<T>(probe: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}
