// The heart of the product in a real browser: the creator uploads a file once,
// a buyer pays with the test provider, the receipt lands in the outbox, and its
// link downloads exactly the bytes that were uploaded.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { TEST_ADMIN } from '../../src/testing/app.js';
import { collectPageErrors, liveStoreWithBrowser, skipWithoutChromium } from './browser.js';

describe('browser: buy a download and get the file', { skip: skipWithoutChromium }, () => {
  const live = liveStoreWithBrowser('Backstube Nord');

  test('upload → publish → buy → pay → receipt in the outbox → identical download', async () => {
    const { t, browser } = live;
    const { context } = browser;
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const errors = collectPageErrors(page);
    const upload = join(t.database.dataDir, 'Rezepte für Anfänger.pdf');
    const bytes = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(300_000)]);
    writeFileSync(upload, bytes);

    // The creator: sign in, create and publish a product, upload its file.
    await page.goto(`${t.base}/admin/login`);
    await page.getByLabel('Email address').fill(TEST_ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill(TEST_ADMIN.password);
    await Promise.all([page.waitForURL(`${t.base}/admin`), page.getByRole('button', { name: 'Sign in' }).click()]);
    await page.goto(`${t.base}/admin/products/new`);
    await page.getByLabel('Title').fill('Bread for Beginners');
    await page.locator('input[name="price"]').fill('12,90');
    await page.getByLabel('Status').selectOption('published');
    // The file comes after the product exists: the editor asks to confirm publishing a download without one.
    await page.getByLabel(/Publish without a file/).check();
    await page.getByRole('button', { name: 'Create product' }).click();
    await page.waitForURL(/\/admin\/products\/[0-9a-f-]{36}/);
    await page.getByLabel('File', { exact: true }).setInputFiles(upload);
    await page.getByRole('button', { name: 'Upload file' }).click();
    await page.getByText('Rezepte für Anfänger.pdf').first().waitFor();

    // The buyer: a fresh browser tab without the admin's cookies.
    const buyerContext = context.browser() ? await context.browser()!.newContext() : context;
    const buyer = buyerContext === context ? await context.newPage() : await buyerContext.newPage();
    buyer.setDefaultTimeout(20_000);
    const buyerErrors = collectPageErrors(buyer);
    await buyer.goto(`${t.base}/`);
    await buyer
      .getByRole('link', { name: /Bread for Beginners/ })
      .first()
      .click();
    await buyer.getByText('€12.90').first().waitFor();
    await buyer.getByLabel('Email address').fill('reader@example.com');
    await buyer.getByLabel(/I expressly agree/).check();
    await Promise.all([
      buyer.waitForURL(/\/pay\/test\//),
      buyer.getByRole('button', { name: 'Buy now — payment required' }).click(),
    ]);
    await buyer.getByText('TEST MODE').first().waitFor();
    await Promise.all([
      buyer.waitForURL(/\/checkout\/orders\//),
      buyer.getByRole('button', { name: 'Pay (succeeds)' }).click(),
    ]);
    // The thank-you page refreshes itself (no JavaScript) until the payment is confirmed.
    await buyer.getByRole('heading', { name: 'Thank you for your purchase!' }).waitFor({ timeout: 30_000 });

    // Back to the creator: the receipt is in the outbox.
    await page.goto(`${t.base}/admin/emails`);
    await page
      .getByRole('link', { name: /Your order \d+: Bread for Beginners/ })
      .first()
      .click();
    const text = (await page.locator('pre.text').textContent()) ?? '';
    const link = /http:\/\/127\.0\.0\.1:\d+\/d\/\S+/.exec(text)?.[0];
    assert.ok(link, `a download link in the receipt:\n${text}`);

    // The buyer follows the emailed link and gets the very bytes that were uploaded.
    const [download] = await Promise.all([
      buyer.waitForEvent('download'),
      buyer.evaluate((href) => {
        const a = document.createElement('a');
        a.href = href;
        a.click();
      }, link),
    ]);
    assert.equal(download.suggestedFilename(), 'Rezepte für Anfänger.pdf');
    const saved = join(t.database.dataDir, 'downloaded.pdf');
    await download.saveAs(saved);
    assert.deepEqual(readFileSync(saved), bytes);

    await buyerContext.close();
    assert.deepEqual(errors, [], 'no errors in the admin tab');
    // A navigation that turns into a download is reported as aborted by Chromium: that one is expected.
    const unexpected = buyerErrors.filter((e) => !(e.includes(link) && e.endsWith('net::ERR_ABORTED')));
    assert.deepEqual(unexpected, [], 'no errors in the buyer tab');
  });
});
