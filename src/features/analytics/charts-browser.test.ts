// The leverage charts as Chromium shows them under the store's CSP (no inline
// styles): drawn with their fonts, the drawing that fits the column, the answer
// above the fold on a laptop and on a phone, in English and German.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  type BrowserHarness,
  type LiveApp,
  launchChromium,
  skipWithoutChromium,
  startLiveApp,
} from '../../../test/browser/browser.js';
import { setUpStore, TEST_ADMIN } from '../../testing/app.js';
import { seedHistory } from './testing.js';
import { localDay } from './time-zone.js';

type Look = {
  answerBottom: number;
  pageHeight: number;
  scrollWidth: number;
  shown: string[];
  font: { size: string; family: string } | undefined;
  axis: string[];
};

async function look(page: Page): Promise<Look> {
  return page.evaluate(() => {
    const visible = [...document.querySelectorAll('svg.chart')].filter((s) => s.getBoundingClientRect().width > 0);
    const text = visible[0]?.querySelector('text');
    const style = text ? getComputedStyle(text) : undefined;
    return {
      answerBottom: document.querySelector('.answer .lead:nth-of-type(2)')?.getBoundingClientRect().bottom ?? 99_999,
      pageHeight: document.documentElement.scrollHeight,
      scrollWidth: document.documentElement.scrollWidth,
      shown: visible.map((s) => s.getAttribute('class') ?? ''),
      font: style && { size: style.fontSize, family: style.fontFamily },
      axis: [...(visible[0]?.querySelectorAll('text') ?? [])].map((x) => x.textContent ?? ''),
    };
  });
}

describe('browser: leverage charts', { skip: skipWithoutChromium }, () => {
  let t: LiveApp;
  let browser: BrowserHarness;
  before(async () => {
    t = await startLiveApp();
    await setUpStore(t.services);
    await seedHistory(t.services.database.db, localDay(new Date(), 'Europe/Berlin'));
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  test('render styled under the CSP, fit a laptop and a phone, the answer above the fold', async () => {
    const page = await browser.context.newPage();
    const messages: string[] = [];
    page.on('console', (m) => messages.push(`${m.type()}: ${m.text()}`));
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${t.base}/admin/login`);
    await page.fill('input[name=email]', TEST_ADMIN.email);
    await page.fill('input[name=password]', TEST_ADMIN.password);
    await Promise.all([page.waitForURL(/\/admin/), page.click('button[type=submit]')]);

    await page.goto(`${t.base}/admin/analytics`);
    const wide = await look(page);
    assert.deepEqual(wide.shown, ['chart chart-wide']);
    // ECharts' fonts arrive as presentation attributes, which the CSP allows (a style attribute would be refused).
    assert.equal(wide.font?.size, '12px');
    assert.match(wide.font?.family ?? '', /system-ui/);
    assert.ok(wide.axis.includes('0 h') && wide.axis.some((x) => /^€[\d,]+$/.test(x)), wide.axis.join('|'));
    assert.ok(wide.answerBottom <= 800, `answer ends at ${wide.answerBottom}px`);
    assert.ok(wide.pageHeight < 2500, `page is ${wide.pageHeight}px tall`);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.context().addCookies([{ name: 'vf_lang', value: 'de', url: t.base }]);
    await page.goto(`${t.base}/admin/analytics`);
    const phone = await look(page);
    assert.deepEqual(phone.shown, ['chart chart-narrow']);
    assert.ok(phone.scrollWidth <= 390, `the page scrolls sideways: ${phone.scrollWidth}px`);
    assert.ok(phone.answerBottom <= 844, `answer ends at ${phone.answerBottom}px`);
    assert.ok(
      phone.axis.some((x) => /^0\s€$/.test(x)),
      phone.axis.join('|'),
    );
    assert.ok(
      phone.axis.some((x) => /^\d{1,2}\.\s[A-ZÄÖÜ][a-zäöü]+\.?$/.test(x)),
      phone.axis.join('|'),
    );

    for (const tab of ['sales', 'products', 'countries']) {
      await page.goto(`${t.base}/admin/analytics/${tab}`);
      const l = await look(page);
      assert.deepEqual(l.shown, ['chart chart-narrow'], tab);
      assert.ok(l.scrollWidth <= 390, `${tab} scrolls sideways: ${l.scrollWidth}px`);
    }
    assert.deepEqual(
      messages.filter((m) => /Content Security Policy|Refused/i.test(m)),
      [],
    );
  });
});
