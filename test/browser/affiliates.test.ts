// Affiliate attribution without tracking consent, in a real browser: a visitor
// follows a partner's referral link, declines the "remember" prompt, buys in
// the same visit with the test provider, and the partner's commission appears;
// the creator refunds inside the hold period and the commission is reversed.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatMoney } from '../../src/domain/money.js';
import { seedAffiliate } from '../../src/features/affiliates/testing.js';
import { seedProduct } from '../../src/features/checkout/testing.js';
import { TEST_ADMIN } from '../../src/testing/app.js';
import { collectPageErrors, liveStoreWithBrowser, skipWithoutChromium } from './browser.js';

// A desktop Chrome's user agent: the click counter leaves out user agents that say "Headless".
const USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36';

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('browser: a referral without cookies earns a commission; a refund reverses it', {
  skip: skipWithoutChromium,
}, () => {
  const live = liveStoreWithBrowser('Kräutergarten');

  test('referral link → prompt declined → buy in the same visit → commission → refund in the hold → reversed', async () => {
    const { t, browser } = live;
    const { db } = t.services.database;
    const affiliate = await seedAffiliate(db, { name: 'Pat Partner', commission_percent_bp: 2000 });
    const product = await seedProduct(t.services, { title: 'Herbal Remedies', priceMinor: 11_900 });
    const { slug } = await db
      .selectFrom('products')
      .select('slug')
      .where('id', '=', product.id)
      .executeTakeFirstOrThrow();

    // The visitor: a fresh context of their own.
    const visitorContext = await browser.context.browser()!.newContext({ userAgent: USER_AGENT, locale: 'en-GB' });
    const visitor = await visitorContext.newPage();
    visitor.setDefaultTimeout(20_000);
    const visitorErrors = collectPageErrors(visitor);
    // The browser refuses every cookie the server would set for the referral (as a consent-refusing
    // browser extension would); the CSRF cookie stays, it is strictly necessary for the order form.
    await visitorContext.route('**/*', async (route) => {
      const response = await route.fetch({ maxRedirects: 0 });
      const headers = { ...response.headers() };
      const cookies = (headers['set-cookie'] ?? '').split('\n').filter((c) => c && !c.startsWith('vf_ref='));
      if (cookies.length) headers['set-cookie'] = cookies.join('\n');
      else delete headers['set-cookie'];
      await route.fulfill({ response, headers });
    });

    await visitor.goto(`${t.base}/r/${affiliate.code}/${slug}`);
    await visitor.getByRole('heading', { name: 'Remember this recommendation for 30 days?' }).waitFor();
    await Promise.all([visitor.waitForURL(/asked=1/), visitor.getByRole('button', { name: 'No, thanks' }).click()]);
    assert.equal(await visitor.getByText('Remember this recommendation').count(), 0, 'asked once per visit');

    await visitor.getByLabel('Email address').fill('buyer@example.com');
    await visitor.getByLabel(/I expressly agree/).check();
    await Promise.all([
      visitor.waitForURL(/\/pay\/test\//),
      visitor.getByRole('button', { name: 'Buy now — payment required' }).click(),
    ]);
    await Promise.all([
      visitor.waitForURL(/\/checkout\/orders\//),
      visitor.getByRole('button', { name: 'Pay (succeeds)' }).click(),
    ]);
    await visitor.getByRole('heading', { name: 'Thank you for your purchase!' }).waitFor({ timeout: 30_000 });
    const cookies = await visitorContext.cookies();
    assert.deepEqual(
      cookies.filter((c) => c.name !== '_csrf').map((c) => c.name),
      [],
      'no cookie but the CSRF one: nothing remembers the referral',
    );

    const order = await db
      .selectFrom('orders')
      .selectAll()
      .where('email', '=', 'buyer@example.com')
      .executeTakeFirstOrThrow();
    const attribution = await db
      .selectFrom('order_attributions')
      .selectAll()
      .where('order_id', '=', order.id)
      .executeTakeFirst();
    assert.equal(attribution?.affiliate_id, affiliate.id);
    assert.equal(attribution?.source, 'link');
    const pending = await until('the pending commission', async () =>
      db
        .selectFrom('affiliate_commission_entries')
        .selectAll()
        .where('order_id', '=', order.id)
        .where('kind', '=', 'pending')
        .executeTakeFirst(),
    );
    const paid = await db.selectFrom('orders').selectAll().where('id', '=', order.id).executeTakeFirstOrThrow();
    assert.equal(pending.amount_minor, Math.round((paid.total_minor - paid.tax_minor) * 0.2));
    const commission = formatMoney(pending.amount_minor, 'EUR', 'en');

    // The creator sees it on the affiliates page, then refunds the order inside the hold period.
    const admin = await browser.context.newPage();
    admin.setDefaultTimeout(20_000);
    const adminErrors = collectPageErrors(admin);
    await admin.goto(`${t.base}/admin/login`);
    await admin.getByLabel('Email address').fill(TEST_ADMIN.email);
    await admin.getByLabel('Password', { exact: true }).fill(TEST_ADMIN.password);
    await Promise.all([admin.waitForURL(`${t.base}/admin`), admin.getByRole('button', { name: 'Sign in' }).click()]);
    await admin.goto(`${t.base}/admin/affiliates`);
    const row = admin.getByRole('row', { name: /Pat Partner/ }).first();
    await row.getByText(commission).first().waitFor();

    await admin.goto(`${t.base}/admin/orders/${order.id}/refund`);
    await admin.getByLabel(/I understand that access to the downloads will be revoked/).check();
    await admin
      .getByRole('button', { name: /^Refund / })
      .first()
      .click();
    const reversed = await until('the reversal', async () =>
      db
        .selectFrom('affiliate_commission_entries')
        .selectAll()
        .where('order_id', '=', order.id)
        .where('kind', '=', 'reversed')
        .executeTakeFirst(),
    );
    assert.equal(reversed.amount_minor, -pending.amount_minor);
    await admin.goto(`${t.base}/admin/affiliates/${affiliate.id}`);
    await admin.getByRole('cell', { name: 'Reversed' }).waitFor();
    const sums = await db
      .selectFrom('affiliate_commission_entries')
      .select((eb) => eb.fn.sum<number>('amount_minor').as('s'))
      .where('affiliate_id', '=', affiliate.id)
      .executeTakeFirstOrThrow();
    assert.equal(Number(sums.s), 0, 'nothing owed after the refund');

    await visitorContext.close();
    assert.deepEqual(visitorErrors, [], 'no errors in the visitor tab');
    assert.deepEqual(adminErrors, [], 'no errors in the admin tab');
  });
});
