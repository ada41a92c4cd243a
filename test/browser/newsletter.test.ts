// The newsletter in a real browser: the creator writes a members' post with the
// live Markdown preview (a static script under the CSP) and publishes it; a
// reader signs up with double opt-in and then reads the post in full.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TEST_ADMIN } from '../../src/testing/app.js';
import { collectPageErrors, liveStoreWithBrowser, skipWithoutChromium } from './browser.js';

describe('browser: write a post with live preview, sign up, read it', { skip: skipWithoutChromium }, () => {
  const live = liveStoreWithBrowser('Marktbrief');

  test('editor preview updates as you type; /join → confirm → the members-only body is shown', async () => {
    const { t, browser } = live;
    const db = t.services.database.db;
    const page = await browser.context.newPage();
    page.setDefaultTimeout(20_000);
    const errors = collectPageErrors(page);

    await page.goto(`${t.base}/admin/login`);
    await page.getByLabel('Email address').fill(TEST_ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill(TEST_ADMIN.password);
    await Promise.all([page.waitForURL(`${t.base}/admin`), page.getByRole('button', { name: 'Sign in' }).click()]);
    await page.goto(`${t.base}/admin/posts/new`);
    await page.getByLabel('Title').fill('Rates this week');
    await page.getByLabel('Teaser').fill('Where rates go next.');
    await page.getByLabel('Text (Markdown)').fill('The **members-only** outlook.');
    // The script posts the Markdown to the preview endpoint and shows the sanitised HTML.
    await page.locator('#post-preview strong', { hasText: 'members-only' }).waitFor();
    await page.getByLabel('Members (free and paid)').check();
    await Promise.all([
      page.waitForURL(/\/admin\/posts\/[0-9a-f-]{36}\?done=published/),
      page.getByRole('button', { name: 'Publish now' }).click(),
    ]);
    assert.deepEqual(errors, []);

    const reader = await (await browser.context.browser()!.newContext()).newPage();
    reader.setDefaultTimeout(20_000);
    const readerErrors = collectPageErrors(reader);
    await reader.goto(`${t.base}/posts/rates-this-week`);
    await reader.getByText('This post is for members').waitFor();
    assert.ok(!(await reader.content()).includes('members-only'));
    await reader.getByRole('link', { name: 'Subscribe for free' }).click();
    await reader.getByLabel('Email address').fill('reader@example.com');
    await reader.getByLabel(/Yes, I would like to receive the newsletter/).check();
    await reader.getByRole('button', { name: 'Subscribe' }).click();
    await reader.getByText('Please check your inbox').waitFor();

    const mail = await db
      .selectFrom('emails')
      .select('text')
      .where('to_address', '=', 'reader@example.com')
      .executeTakeFirstOrThrow();
    const link = /https?:\/\/\S+\/join\/confirm\/\S+/.exec(mail.text)?.[0];
    assert.ok(link);
    await reader.goto(link);
    await reader.getByRole('button', { name: 'Confirm my subscription' }).click();
    await reader.getByText('You are subscribed').waitFor();
    await reader.goto(`${t.base}/posts/rates-this-week`);
    await reader.locator('.prose strong', { hasText: 'members-only' }).waitFor();
    assert.deepEqual(readerErrors, []);
  });
});
