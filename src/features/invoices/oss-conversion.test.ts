import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { multipartBody, postMultipart } from '../catalog/testing.js';
import { insertInvoice, sample } from '../exchange-rates/testing.js';

/** Q2 2024 ended on Sunday 30 June: its rate is Monday 1 July's. */
const Q2 = 'from=2024-04-01&to=2024-06-30';

describe('OSS report in other currencies', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
  });

  async function storeWithSales() {
    t = await buildTestApp();
    await setUpStore(t.services);
    const { db } = t.services.database;
    await insertInvoice(db, { currency: 'EUR', grossMinor: 1200, issuedAt: '2024-05-02T09:00:00.000Z' });
    // USD 128.46 gross = 107.05 net + 21.41 VAT; ¥20,633 = ¥17,194 + ¥3,439.
    await insertInvoice(db, { currency: 'USD', grossMinor: 12846, issuedAt: '2024-06-03T09:00:00.000Z' });
    await insertInvoice(db, { currency: 'JPY', grossMinor: 20633, issuedAt: '2024-06-04T09:00:00.000Z' });
    const c = new TestClient(t.app);
    await c.login();
    return { app: t, c };
  }
  const rateCount = async (app: TestApp) =>
    Number(
      (
        await app.services.database.db
          .selectFrom('exchange_rates')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  test('a missing rate marks the totals incomplete and offers the import; after it, the rate used is shown', async () => {
    const { app, c } = await storeWithSales();
    const before = await c.get(`/admin/invoices?${Q2}`);
    assert.equal(before.statusCode, 200);
    assert.match(before.body, /The totals are incomplete: sales in JPY, USD are not converted/);
    assert.match(before.body, /No ECB rate for USD of 1 Jul 2024 is imported \(1 invoices\)/);
    assert.match(before.body, /href="#exchange-rates"/);
    assert.match(before.body, /action="\/admin\/invoices\/exchange-rates" enctype="multipart\/form-data"/);
    const csvBefore = (await c.get(`/admin/invoices/oss.csv?${Q2}`)).body;
    assert.match(csvBefore, /\r\nFR,20,,,USD,107\.05,21\.41,,,rate_missing\r\n/);

    const up = await postMultipart(
      app.app,
      c,
      '/admin/invoices/exchange-rates',
      [
        { name: 'from', value: '2024-04-01' },
        { name: 'to', value: '2024-06-30' },
        {
          name: 'file',
          filename: 'eurofxref-hist.csv',
          content: Buffer.from(sample('eurofxref-hist.csv')),
          type: 'text/csv',
        },
      ],
      `/admin/invoices?${Q2}`,
    );
    assert.equal(up.statusCode, 200);
    assert.match(up.body, /89 of 89 rates imported \(30 currencies, 28 Jun 2024 to 2 Jul 2024\)/);
    assert.doesNotMatch(up.body, /totals are incomplete/);
    // USD 107.05 / 1.0746 = 99.618… → 99.62; VAT 21.41 / 1.0746 = 19.923… → 19.92.
    assert.match(up.body, /1\.0746 \(2024-07-01\)/);
    const csv = (await c.get(`/admin/invoices/oss.csv?${Q2}`)).body;
    assert.match(csv, /\r\nFR,20,10\.00,2\.00,EUR,10\.00,2\.00,,,\r\n/);
    assert.match(csv, /\r\nFR,20,99\.62,19\.92,USD,107\.05,21\.41,1\.0746,2024-07-01,\r\n/);
    // ¥17,194 net / 173.21 = 99.266… → 99.27; VAT ¥3,439 / 173.21 = 19.854… → 19.85.
    assert.match(csv, /\r\nFR,20,99\.27,19\.85,JPY,17194,3439,173\.21,2024-07-01,\r\n/);
    // The page's total for France at 20 %: 10.00 + 99.62 + 99.27 net.
    assert.match(up.body, /€208\.89/);
    const latest = await c.get('/admin/invoices');
    assert.match(latest.body, /<td>USD<\/td><td>2 Jul 2024<\/td>/);
  });

  test('a currency the ECB does not publish is named, not guessed', async () => {
    const { app, c } = await storeWithSales();
    await insertInvoice(app.services.database.db, {
      currency: 'KWD',
      grossMinor: 12000,
      issuedAt: '2024-06-05T09:00:00.000Z',
    });
    const page = await c.get(`/admin/invoices?${Q2}`);
    assert.match(page.body, /No ECB rate for KWD: the ECB publishes no reference rate for it/);
    const csv = (await c.get(`/admin/invoices/oss.csv?${Q2}`)).body;
    assert.match(csv, /\r\nFR,20,,,KWD,10\.000,2\.000,,,no_ecb_rate\r\n/);
  });

  test('a broken upload is a form error and imports nothing; no file and foreign files too', async () => {
    const { app, c } = await storeWithSales();
    const upload = (filename: string, content: string) =>
      postMultipart(
        app.app,
        c,
        '/admin/invoices/exchange-rates',
        [{ name: 'file', filename, content: Buffer.from(content) }],
        '/admin/invoices',
      );
    const broken = sample('eurofxref-hist.csv').replace('2024-07-01,1.0746,', '2024-07-01,1.07O6,');
    const bad = await upload('eurofxref-hist.csv', broken);
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Nothing was imported: 1 entries are not valid/);
    assert.match(bad.body, /Line 3, USD: “1\.07O6” is not a rate\./);
    assert.equal(await rateCount(app), 0);
    const foreign = await upload('members.csv', 'email,name\na@b.c,A\n');
    assert.equal(foreign.statusCode, 400);
    assert.match(foreign.body, /not an ECB reference-rate file/);
    const cut = await upload('eurofxref-daily.xml', sample('eurofxref-daily.xml').slice(0, 600));
    assert.equal(cut.statusCode, 400);
    assert.match(cut.body, /The file cannot be read: it is broken at line \d+/);
    const none = await postMultipart(app.app, c, '/admin/invoices/exchange-rates', [], '/admin/invoices');
    assert.equal(none.statusCode, 400);
    assert.match(none.body, /Choose a file to import/);
    assert.equal(await rateCount(app), 0);
    // Without the CSRF token the upload is refused before the file is read.
    const { body, contentType } = multipartBody([
      { name: 'file', filename: 'r.csv', content: Buffer.from(sample('eurofxref.csv')) },
    ]);
    const forged = await app.app.inject({
      method: 'POST',
      url: '/admin/invoices/exchange-rates',
      payload: body,
      headers: { 'content-type': contentType, cookie: c.cookieHeader },
    });
    assert.equal(forged.statusCode, 403);
    assert.equal(await rateCount(app), 0);
  });

  test('the exchange-rates section speaks German', async () => {
    const { c } = await storeWithSales();
    const page = await c.get(`/admin/invoices?${Q2}`, { cookie: `${c.cookieHeader}; vf_lang=de` });
    assert.match(page.body, /Wechselkurse \(EZB\)/);
    assert.match(page.body, /Kein EZB-Kurs für USD vom 01.07.2024 importiert/);
  });
});
