// Consumer law in a real browser: no paid order without the digital-content box,
// and a guest withdraws through the footer link without logging in, carrying it out
// from the link in the confirmation email.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { latestOrder, seedProduct } from '../../src/features/checkout/testing.js';
import { collectPageErrors, liveStoreWithBrowser, skipWithoutChromium } from './browser.js';

describe('browser: consent at checkout and the withdrawal button', { skip: skipWithoutChromium }, () => {
  const live = liveStoreWithBrowser('Backstube Nord');

  test('buy without the box → refused; with it → payment page; then withdraw as a guest from the footer', async () => {
    const { t, browser } = live;
    const product = await seedProduct(t.services, { title: 'Brot backen', priceMinor: 1490 });
    const { slug } = await t.services.database.db
      .selectFrom('products')
      .select('slug')
      .where('id', '=', product.id)
      .executeTakeFirstOrThrow();
    const page = await browser.context.newPage();
    page.setDefaultTimeout(20_000);
    const errors = collectPageErrors(page);

    await page.goto(`${t.base}/p/${slug}`);
    await page.getByText('Total price incl. VAT: €14.90').waitFor();
    await page.getByLabel('Email address').fill('guest@example.com');
    await page.getByRole('button', { name: 'Buy now — payment required' }).click();
    // The browser refuses already: the box is required in the HTML (the server refuses too, tested over HTTP).
    const box = page.getByLabel(/I expressly agree/);
    assert.equal(await box.evaluate((el) => (el as HTMLInputElement).validity.valueMissing), true);
    assert.equal(new URL(page.url()).pathname, `/p/${slug}`);
    assert.equal(await box.isChecked(), false);
    assert.equal(await t.services.database.db.selectFrom('orders').select('id').executeTakeFirst(), undefined);

    await page.getByLabel('Email address').fill('guest@example.com');
    await page.getByLabel(/I expressly agree/).check();
    await Promise.all([
      page.waitForURL(/\/pay\/test\//),
      page.getByRole('button', { name: 'Buy now — payment required' }).click(),
    ]);
    const order = await latestOrder(t.services);

    // Not paid yet, nothing delivered: the contract can be withdrawn, without logging in.
    await page.goto(`${t.base}/`);
    await page.getByRole('link', { name: 'Withdraw from contract' }).click();
    await page.getByLabel('Order number').fill(order.number);
    await page.getByLabel('Email address used for the order').fill('guest@example.com');
    await page.getByRole('button', { name: 'Confirm withdrawal' }).click();
    await page.getByRole('heading', { name: 'Your withdrawal has been received' }).waitFor();
    const db = t.services.database.db;
    // The worker takes the declaration up after the answer; its confirmation goes to the order's address.
    const findMail = () =>
      db
        .selectFrom('emails')
        .select('text')
        .where('template', '=', 'withdrawal-declared')
        .where('to_address', '=', 'guest@example.com')
        .executeTakeFirst();
    let mail = await findMail();
    for (let i = 0; !mail && i < 100; i++) {
      await new Promise((r) => setTimeout(r, 100));
      mail = await findMail();
    }
    assert.ok(mail, 'the confirmation of receipt was queued');
    const w = await db.selectFrom('withdrawals').selectAll().where('order_id', '=', order.id).executeTakeFirstOrThrow();
    assert.equal(w.email, 'guest@example.com');
    assert.equal(w.confirmed_at, null, 'the form alone carries nothing out');

    // Its button carries the withdrawal out.
    const link = /https?:\/\/\S+\/withdraw\/confirm\/\S+/.exec(mail.text)?.[0];
    assert.ok(link);
    await page.goto(link);
    await page.getByText('Brot backen').waitFor();
    await page.getByRole('button', { name: 'Carry out withdrawal now' }).click();
    await page.getByText('Nothing was charged for this order').waitFor();
    assert.equal((await latestOrder(t.services)).status, 'expired');

    // The refused checkout answered 400 by design; nothing else may fail.
    const unexpected = errors.filter((e) => !/HTTP 400: .*\/checkout$|status of 400/.test(e));
    assert.deepEqual(unexpected, []);
  });
});
