// Chromium reads the store's Permissions-Policy as meant (every name known, the
// features off) and the pages need no font the CSP refuses.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setUpStore } from '../../src/testing/app.js';
import { type BrowserHarness, type LiveApp, launchChromium, skipWithoutChromium, startLiveApp } from './browser.js';

describe('browser: permissions policy and fonts', { skip: skipWithoutChromium }, () => {
  let t: LiveApp;
  let browser: BrowserHarness;
  before(async () => {
    t = await startLiveApp();
    await setUpStore(t.services);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  test('camera, location, payment and the like are off; no console message about it', async () => {
    const page = await browser.context.newPage();
    const messages: string[] = [];
    page.on('console', (m) => messages.push(`${m.type()}: ${m.text()}`));
    for (const path of ['/', '/admin/login']) {
      await page.goto(`${t.base}${path}`);
      const allowed = await page.evaluate(() =>
        (document as unknown as { featurePolicy: { allowedFeatures(): string[] } }).featurePolicy.allowedFeatures(),
      );
      for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb', 'browsing-topics']) {
        assert.ok(!allowed.includes(feature), `${path}: ${feature} is off`);
      }
      assert.ok(allowed.includes('fullscreen'), 'fullscreen stays with the site');
      const fonts = await page.evaluate(() =>
        performance.getEntriesByType('resource').filter((e) => /\.(woff2?|ttf|otf)(\?|$)/.test(e.name)),
      );
      assert.deepEqual(fonts, [], `${path} loads no font`);
    }
    assert.deepEqual(
      messages.filter((m) => /Permissions-Policy|Content Security Policy|font-src/i.test(m)),
      [],
    );
    await page.close();
  });
});
