// A real server on 127.0.0.1 and a real Chromium: first start, set-up, the
// dashboard, the language switch, sign out and sign in again.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { ensureSetupCode } from '../../src/features/setup/complete-setup.js';
import {
  type BrowserHarness,
  collectPageErrors,
  type LiveApp,
  launchChromium,
  skipWithoutChromium,
  startLiveApp,
} from './browser.js';

const OWNER = { email: 'owner@example.com', password: 'a long enough password', store: 'Atelier Nordlicht' };

describe('browser: first set-up and admin login', { skip: skipWithoutChromium }, () => {
  let t: LiveApp;
  let base: string;
  let browser: BrowserHarness;

  before(async () => {
    t = await startLiveApp();
    base = t.base;
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await t?.close();
  });

  test('set up the store, see the dashboard, switch to German, sign out and in again', async () => {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.setDefaultTimeout(15_000);
    const errors = collectPageErrors(page);
    // A fresh install sends every visitor to the set-up.
    await page.goto(`${base}/`);
    assert.equal(new URL(page.url()).pathname, '/setup');

    const code = await ensureSetupCode(t.services.database.db);
    await page.getByLabel('Set-up code', { exact: true }).fill(code);
    await page.getByLabel('Your email address (admin login)').fill(OWNER.email);
    await page.getByLabel('Choose a password').fill(OWNER.password);
    await page.getByLabel('Store name', { exact: true }).fill(OWNER.store);
    await page.getByLabel('Store language').selectOption('en');
    await page.getByLabel('Currency').selectOption('EUR');
    await Promise.all([
      page.waitForURL(`${base}/admin`),
      page.getByRole('button', { name: 'Create my store' }).click(),
    ]);

    // The dashboard names the store and the signed-in owner.
    await assertDashboard(page, { title: 'Dashboard', welcome: `Welcome back, ${OWNER.email}.` });
    const shots = process.env.BROWSER_SCREENSHOT_DIR ?? join(t.database.dataDir, 'screenshots');
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: join(shots, 'dashboard.png'), fullPage: true });

    // The language links switch every text to German.
    await Promise.all([
      page.waitForURL(`${base}/admin`),
      page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'Deutsch' }).click(),
    ]);
    await assertDashboard(page, { title: 'Übersicht', welcome: `Willkommen zurück, ${OWNER.email}.` });
    assert.equal(await page.locator('html').getAttribute('lang'), 'de');

    // Sign out: the session is gone, admin pages ask for a login.
    await Promise.all([page.waitForURL(`${base}/admin/login`), page.getByRole('button', { name: 'Abmelden' }).click()]);
    await page.goto(`${base}/admin`);
    assert.equal(new URL(page.url()).pathname, '/admin/login');

    // Sign in again on the login page.
    await page.getByRole('heading', { name: 'Anmelden' }).waitFor();
    await page.getByLabel('E-Mail-Adresse').fill(OWNER.email);
    await page.getByLabel('Passwort', { exact: true }).fill(OWNER.password);
    await Promise.all([page.waitForURL(`${base}/admin`), page.getByRole('button', { name: 'Anmelden' }).click()]);
    await assertDashboard(page, { title: 'Übersicht', welcome: `Willkommen zurück, ${OWNER.email}.` });

    assert.deepEqual(errors, [], 'no console errors or failed requests');
  });
});

async function assertDashboard(page: Page, want: { title: string; welcome: string }): Promise<void> {
  await page.getByRole('heading', { level: 1, name: want.title }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/admin');
  assert.equal((await page.locator('.admin-nav .brand').textContent())?.trim(), OWNER.store);
  assert.match(await page.title(), new RegExp(`${want.title} · ${OWNER.store}`));
  await page.getByText(want.welcome).waitFor();
}
