// A private podcast from the listener's side in a real browser: a member of
// the paid tier signs in to the library by the emailed link, opens the demo
// show's subscribe page, copies the private feed URL, which a podcast app then
// fetches over HTTP with the episodes in it; a new URL stops the old one at
// once; on a phone the page fits the screen.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { emailsTo, pathsIn } from '../../src/features/delivery/testing.js';
import { addDemoMemberships } from '../../src/features/memberships/demo.js';
import { subscribeAndPay } from '../../src/features/memberships/testing.js';
import { addDemoPodcast } from '../../src/features/podcasts/demo.js';
import { TestClient } from '../../src/testing/app.js';
import { collectPageErrors, liveStoreWithBrowser, skipWithoutChromium } from './browser.js';

const MEMBER = 'listener@example.com';

describe('browser: a member subscribes to the private podcast', { skip: skipWithoutChromium }, () => {
  const live = liveStoreWithBrowser('Studio');

  /** The sign-in link once the worker has sent it. */
  async function signInLink(): Promise<string> {
    for (let i = 0; i < 200; i++) {
      const mails = await emailsTo(live.t.services, MEMBER);
      const link = pathsIn(mails.at(-1)?.text ?? '', live.t.base).find((p) => p.startsWith('/library/auth/'));
      if (link) return link;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('no sign-in link was sent');
  }

  /** What a podcast app gets for the URL. */
  async function poll(url: string) {
    const res = await fetch(url, { headers: { 'user-agent': 'Overcast/3.0 (+http://overcast.fm/; iOS podcast app)' } });
    return { status: res.status, body: await res.text(), type: res.headers.get('content-type') ?? '' };
  }

  test('sign in → subscribe page → the feed lists the episodes → a new URL → fits a phone', async () => {
    const { t, browser } = live;
    await addDemoMemberships(t.services);
    await addDemoPodcast(t.services, new Date());
    await subscribeAndPay(t, new TestClient(t.app), { tier: 'market-letter', email: MEMBER });

    const page = await browser.context.newPage();
    page.setDefaultTimeout(30_000);
    const errors = collectPageErrors(page);
    await page.goto(`${t.base}/library`);
    await page.getByLabel('Email address').fill(MEMBER);
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await page.getByRole('heading', { name: 'Please check your inbox' }).waitFor();
    await page.goto(`${t.base}${await signInLink()}`);
    await Promise.all([
      page.waitForURL(`${t.base}/library`),
      page.getByRole('button', { name: 'Continue to my purchases' }).click(),
    ]);
    await page.getByRole('heading', { name: 'Your podcasts' }).waitFor();
    await page.getByRole('link', { name: 'Subscribe in your podcast app: Studio notes' }).click();
    await page.getByRole('heading', { name: 'Subscribe to Studio notes' }).waitFor();

    const field = page.getByLabel('Your private feed URL', { exact: true });
    const feedUrl = await field.inputValue();
    assert.match(feedUrl, new RegExp(`^${t.base}/feeds/[0-9a-f-]{36}/[A-Za-z0-9_-]{43}$`));
    assert.equal(await field.getAttribute('readonly'), '');
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: t.base });
    await page.getByRole('button', { name: 'Copy' }).click();
    await page.getByRole('button', { name: 'Copied' }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), feedUrl);
    await page.getByRole('img', { name: 'QR code of your private feed URL' }).waitFor();
    const overcast = await page.getByRole('link', { name: 'Overcast', exact: true }).getAttribute('href');
    assert.equal(overcast, `overcast://x-callback-url/add?url=${encodeURIComponent(feedUrl)}`);

    const feed = await poll(feedUrl);
    assert.equal(feed.status, 200);
    assert.match(feed.type, /xml/);
    for (const title of [
      'Welcome to Studio notes',
      'Starting from an empty page',
      'Pricing without fear',
      'What the members asked',
    ]) {
      assert.ok(feed.body.includes(title), `the feed lists "${title}"`);
    }
    assert.ok(!feed.body.includes('A look behind the launch'), 'the scheduled episode is not out yet');

    // A new URL: the old one stops at once, the new one works.
    await page.getByRole('button', { name: 'Make a new URL' }).click();
    await page.getByText('The old one no longer works').waitFor();
    const fresh = await page.getByLabel('Your private feed URL', { exact: true }).inputValue();
    assert.notEqual(fresh, feedUrl);
    assert.equal((await poll(feedUrl)).status, 404);
    const renewed = await poll(fresh);
    assert.equal(renewed.status, 200);
    assert.ok(renewed.body.includes('What the members asked'));

    // The same page on a phone: nothing wider than the screen.
    const phone = await browser.context.browser()?.newContext({ viewport: { width: 390, height: 844 } });
    assert.ok(phone);
    await phone.addCookies(await browser.context.cookies(t.base));
    const small = await phone.newPage();
    const phoneErrors = collectPageErrors(small);
    await small.goto(page.url().replace(/\?.*$/, ''));
    await small.getByRole('heading', { name: 'Subscribe to Studio notes' }).waitFor();
    const wide = await small.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= 390, `the subscribe page fits a phone (${wide} px)`);
    await phone.close();
    assert.deepEqual([...errors, ...phoneErrors], []);
  });
});
