// A real Chromium follows the redirects a stranger's link can trigger (the
// language switch's `back`, the login's `next`) and must stay on 127.0.0.1.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { setUpStore, TEST_ADMIN } from '../../src/testing/app.js';
import { type BrowserHarness, type LiveApp, launchChromium, skipWithoutChromium, startLiveApp } from './browser.js';

const FOREIGN = [
  '/%09/evil.example/x',
  '/%0a/evil.example/x',
  '/%5Cevil.example/x',
  '/%2F%2Fevil.example/x',
  '//evil.example/x',
  '/.//evil.example/x',
];

describe('browser: redirects stay on the site', { skip: skipWithoutChromium }, () => {
  let t: LiveApp;
  let browser: BrowserHarness;
  /** Every request Chromium tried to send anywhere but the app (answered by nothing). */
  const elsewhere: string[] = [];

  before(async () => {
    t = await startLiveApp();
    await setUpStore(t.services);
    browser = await launchChromium();
    await browser.context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.host === new URL(t.base).host) return route.continue();
      elsewhere.push(url.href);
      return route.abort('blockedbyclient');
    });
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  async function newPage(): Promise<Page> {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    return page;
  }

  test('the language switch with a foreign `back` lands on the store', async () => {
    const page = await newPage();
    for (const back of FOREIGN) {
      await page.goto(`${t.base}/lang/en?back=${back}`).catch(() => undefined);
      assert.deepEqual(elsewhere, [], `nothing was requested elsewhere for ${back}`);
      assert.equal(new URL(page.url()).host, new URL(t.base).host, back);
    }
    await page.close();
  });

  test('signing in from a link with a foreign `next` opens the dashboard', async () => {
    for (const next of FOREIGN.slice(0, 3)) {
      await browser.context.clearCookies(); // signed out again for the next link
      const page = await newPage();
      await page.goto(`${t.base}/admin/login?next=${next}`);
      await page.getByLabel('Email address').fill(TEST_ADMIN.email);
      await page.getByLabel('Password', { exact: true }).fill(TEST_ADMIN.password);
      await Promise.all([
        page.waitForLoadState('load'),
        page
          .getByRole('button', { name: 'Sign in' })
          .click()
          .catch(() => undefined),
      ]);
      await page.waitForURL((u) => u.pathname === '/admin' || u.host !== new URL(t.base).host, { timeout: 15_000 });
      assert.deepEqual(elsewhere, [], `nothing was requested elsewhere for ${next}`);
      assert.equal(page.url(), `${t.base}/admin`, next);
      await page.close();
    }
  });
});
