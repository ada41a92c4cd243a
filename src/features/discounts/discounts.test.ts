import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { seedDiscount, seedProduct } from '../orders/testing.js';

const FORM = {
  code: '',
  kind: 'percent',
  percent: '',
  amount: '',
  currency: 'EUR',
  productId: '',
  expiresOn: '',
  maxRedemptions: '',
  active: 'on',
};

describe('admin discount codes', () => {
  let t: TestApp;
  let admin: TestClient;
  const db = () => t.services.database.db;
  const findCode = (code: string) =>
    db().selectFrom('discount_codes').selectAll().where('code', '=', code).executeTakeFirst();
  const create = (fields: Partial<typeof FORM>) =>
    admin.postForm('/admin/discounts', { ...FORM, ...fields }, { formPage: '/admin/discounts/new' });

  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    admin = new TestClient(t.app);
    assert.equal((await admin.login()).statusCode, 303);
  });
  after(() => t.close());

  test('an empty list invites to create a code', async () => {
    const res = await admin.get('/admin/discounts');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<h1>Discount codes<\/h1>/);
    assert.match(res.body, /No discount codes yet\./);
    assert.match(res.body, /href="\/admin\/discounts\/new"/);
  });

  test('the new-code form starts as an active percentage code in the store currency', async () => {
    const res = await admin.get('/admin/discounts/new');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<input type="radio" name="kind" value="percent" checked/);
    assert.match(res.body, /<option value="EUR" selected/);
    assert.match(res.body, /<input type="checkbox" name="active" value="on" checked/);
    assert.match(res.body, /<input id="f-expiresOn" name="expiresOn" type="date"/);
  });

  test('creates a percentage code, stored upper-case and audited', async () => {
    const res = await create({ code: 'summer-26', percent: '20', maxRedemptions: '100', expiresOn: '2026-08-31' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/admin/discounts?notice=created&code=SUMMER-26');
    const row = await findCode('SUMMER-26');
    assert.ok(row);
    assert.equal(row.kind, 'percent');
    assert.equal(row.percent_off, 20);
    assert.equal(row.amount_off_minor, null);
    assert.equal(row.currency, null);
    assert.equal(row.product_id, null);
    // The expiry day is a day on the store's clock (Berlin by default, summer time): its last moment.
    assert.equal(row.expires_at, '2026-08-31T21:59:59.999Z');
    assert.equal(row.max_redemptions, 100);
    assert.equal(row.redemptions, 0);
    assert.equal(row.active, 1);
    const audit = await db().selectFrom('audit_log').selectAll().where('action', '=', 'discount.created').execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]?.actor, 'owner@example.com');

    const list = await admin.get(String(res.headers.location));
    assert.match(list.body, /Discount code SUMMER-26 created\./);
    assert.match(list.body, /<th scope="row"><a href="\/admin\/discounts\/[0-9a-f-]+"><code>SUMMER-26<\/code>/);
    assert.match(list.body, /20 % off/);
    assert.match(list.body, /31 Aug 2026, 23:59/, 'shown as the end of that day in the store');
    const edit = await admin.get(`/admin/discounts/${row.id}`);
    assert.match(edit.body, /name="expiresOn" type="date" value="2026-08-31"/);
    assert.match(list.body, /0 of 100/);
    assert.match(list.body, /All products/);
  });

  test('creates a fixed-amount code for one product, the amount parsed on the server', async () => {
    const product = await seedProduct(db(), { title: 'Field Guide', currency: 'EUR' });
    const res = await create({ code: 'Guide5', kind: 'amount', amount: '4,99', productId: product.id });
    assert.equal(res.statusCode, 303);
    const row = await findCode('GUIDE5');
    assert.equal(row?.kind, 'amount');
    assert.equal(row?.amount_off_minor, 499);
    assert.equal(row?.currency, 'EUR');
    assert.equal(row?.percent_off, null);
    assert.equal(row?.product_id, product.id);
    const list = await admin.get('/admin/discounts');
    assert.match(list.body, /€4\.99 off/);
    assert.match(list.body, /Field Guide/);
  });

  test('bad input re-renders the form with each error, keeping what was typed', async () => {
    const cases: [Partial<typeof FORM>, string, RegExp][] = [
      [{ code: 'x', percent: '10' }, 'code', /Use 2–40 letters, digits, hyphens or underscores\./],
      [{ code: 'has space', percent: '10' }, 'code', /Use 2–40 letters/],
      [{ code: 'PCT0', percent: '0' }, 'percent', /Enter a whole number from 1 to 100\./],
      [{ code: 'PCT101', percent: '101' }, 'percent', /Enter a whole number from 1 to 100\./],
      [{ code: 'PCTX', percent: '12.5' }, 'percent', /Enter a whole number from 1 to 100\./],
      [{ code: 'NEG', kind: 'amount', amount: '-5' }, 'amount', /The amount cannot be negative/],
      [{ code: 'AMBIG', kind: 'amount', amount: '1,500' }, 'amount', /Is the comma a thousands separator/],
      [{ code: 'ZERO', kind: 'amount', amount: '0' }, 'amount', /Enter an amount above zero/],
      [{ code: 'WORDS', kind: 'amount', amount: 'five' }, 'amount', /Enter an amount above zero/],
      [{ code: 'CUR', kind: 'amount', amount: '5', currency: 'XXX' }, 'currency', /Choose a currency\./],
      [{ code: 'KIND', kind: 'free' }, 'kind', /Choose the kind of discount\./],
      [{ code: 'DATE', percent: '5', expiresOn: '2026-02-30' }, 'expiresOn', /Enter a date as YYYY-MM-DD\./],
      [{ code: 'MAX', percent: '5', maxRedemptions: '0' }, 'maxRedemptions', /Enter a whole number of at least 1/],
      [{ code: 'PROD', percent: '5', productId: randomUUID() }, 'productId', /Choose a product from the list\./],
    ];
    for (const [fields, field, message] of cases) {
      const res = await create(fields);
      assert.equal(res.statusCode, 400, JSON.stringify(fields));
      assert.match(res.body, message, JSON.stringify(fields));
      assert.match(res.body, /Please correct the marked fields\./);
      if (field !== 'kind') assert.match(res.body, new RegExp(`id="f-${field}"[^>]*aria-invalid="true"`), field);
      assert.match(res.body, new RegExp(`value="${fields.code}"`), 'the typed code stays in the form');
      assert.equal(await findCode((fields.code ?? '').toUpperCase()), undefined);
    }
    assert.equal((await create({ code: 'NEG', kind: 'amount', amount: '-5' })).body.includes('value="-5"'), true);
  });

  test('a fixed amount must be in the currency of its product', async () => {
    const product = await seedProduct(db(), { title: 'Dollar Book', currency: 'USD' });
    const res = await create({ code: 'USDBOOK', kind: 'amount', amount: '5', currency: 'EUR', productId: product.id });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /This product is sold in USD/);
    const ok = await create({ code: 'USDBOOK', kind: 'amount', amount: '5', currency: 'USD', productId: product.id });
    assert.equal(ok.statusCode, 303);
  });

  test('a code that exists (in any case) is refused with a form error', async () => {
    await seedDiscount(db(), { code: 'TAKEN' });
    const res = await create({ code: 'taken', percent: '10' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /This code already exists\./);
    const rows = await db().selectFrom('discount_codes').select('id').where('code', '=', 'TAKEN').execute();
    assert.equal(rows.length, 1);
  });

  test('editing shows the uses so far and saves changes', async () => {
    const code = await seedDiscount(db(), { code: 'EDITME', percent_off: 10, max_redemptions: 10, redemptions: 3 });
    const page = await admin.get(`/admin/discounts/${code.id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1>Discount code EDITME<\/h1>/);
    assert.match(page.body, /3 of 10/);
    assert.match(page.body, /class="badge paid">Active</);
    assert.match(page.body, /name="percent" type="text" value="10"/);

    const res = await admin.postForm(
      `/admin/discounts/${code.id}`,
      { ...FORM, code: 'edited', percent: '15', maxRedemptions: '' },
      { formPage: `/admin/discounts/${code.id}` },
    );
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/admin/discounts/${code.id}?notice=saved`);
    const row = await db().selectFrom('discount_codes').selectAll().where('id', '=', code.id).executeTakeFirst();
    assert.equal(row?.code, 'EDITED');
    assert.equal(row?.percent_off, 15);
    assert.equal(row?.max_redemptions, null);
    assert.equal(row?.redemptions, 3, 'editing never resets the count');
    const saved = await admin.get(String(res.headers.location));
    assert.match(saved.body, /Changes saved\./);
    assert.match(saved.body, /3 \(no limit\)/);
  });

  test('renaming a code to one that exists is a form error', async () => {
    await seedDiscount(db(), { code: 'FIRST' });
    const second = await seedDiscount(db(), { code: 'SECOND' });
    const res = await admin.postForm(
      `/admin/discounts/${second.id}`,
      { ...FORM, code: 'first', percent: '10' },
      { formPage: `/admin/discounts/${second.id}` },
    );
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /This code already exists\./);
    const row = await db().selectFrom('discount_codes').select('code').where('id', '=', second.id).executeTakeFirst();
    assert.equal(row?.code, 'SECOND');
  });

  test('deactivating and activating again, audited', async () => {
    const code = await seedDiscount(db(), { code: 'SWITCH' });
    const off = await admin.postForm(
      `/admin/discounts/${code.id}/active`,
      { active: '0' },
      { formPage: `/admin/discounts/${code.id}` },
    );
    assert.equal(off.statusCode, 303);
    const page = await admin.get(String(off.headers.location));
    assert.match(page.body, /The code is deactivated\./);
    assert.match(page.body, /class="badge neutral">Inactive</);
    assert.match(page.body, /Activate code/);
    assert.equal((await findCode('SWITCH'))?.active, 0);
    const list = await admin.get('/admin/discounts');
    assert.match(list.body, /<code>SWITCH<\/code>[\s\S]*?class="badge neutral">Inactive</);

    const on = await admin.postForm(
      `/admin/discounts/${code.id}/active`,
      { active: '1' },
      { formPage: `/admin/discounts/${code.id}` },
    );
    assert.equal(on.statusCode, 303);
    assert.equal((await findCode('SWITCH'))?.active, 1);
    const actions = await db()
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'in', ['discount.activated', 'discount.deactivated'])
      .orderBy('created_at')
      .execute();
    assert.deepEqual(
      actions.map((a) => a.action),
      ['discount.deactivated', 'discount.activated'],
    );
  });

  test('expired and used-up codes say so in the list', async () => {
    await seedDiscount(db(), { code: 'BYGONE', expires_at: '2020-01-01T23:59:59.999Z' });
    await seedDiscount(db(), { code: 'ALLGONE', max_redemptions: 2, redemptions: 2 });
    const list = await admin.get('/admin/discounts');
    assert.match(list.body, /<code>BYGONE<\/code>[\s\S]*?class="badge failed">Expired</);
    assert.match(list.body, /<code>ALLGONE<\/code>[\s\S]*?class="badge failed">Used up</);
  });

  test('the pages speak German', async () => {
    const de = { cookie: `${admin.cookieHeader}; vf_lang=de` };
    const list = await admin.get('/admin/discounts', de);
    assert.match(list.body, /<h1>Rabattcodes<\/h1>/);
    assert.match(list.body, /Alle Produkte/);
    const form = await admin.get('/admin/discounts/new', de);
    assert.match(form.body, /Prozentualer Rabatt/);
  });

  test('unknown ids are 404, malformed ids 400', async () => {
    const id = randomUUID();
    assert.equal((await admin.get(`/admin/discounts/${id}`)).statusCode, 404);
    const post = await admin.postForm(
      `/admin/discounts/${id}`,
      { ...FORM, code: 'GHOST', percent: '5' },
      { formPage: '/admin/discounts/new' },
    );
    assert.equal(post.statusCode, 404);
    const active = await admin.postForm(
      `/admin/discounts/${id}/active`,
      { active: '0' },
      { formPage: '/admin/discounts' },
    );
    assert.equal(active.statusCode, 404);
    assert.equal((await admin.get('/admin/discounts/not-an-id')).statusCode, 400);
    assert.equal((await admin.get('/admin/discounts?page=0')).statusCode, 400);
  });

  test('form posts need the token; visitors without a session go to the login', async () => {
    assert.equal(
      (await admin.postForm('/admin/discounts', { ...FORM, code: 'NOCSRF', percent: '5' }, { csrf: null })).statusCode,
      403,
    );
    const anon = new TestClient(t.app);
    for (const url of ['/admin/discounts', '/admin/discounts/new', `/admin/discounts/${randomUUID()}`]) {
      const res = await anon.get(url);
      assert.equal(res.statusCode, 303, url);
      assert.equal(res.headers.location, `/admin/login?next=${encodeURIComponent(url)}`);
    }
    const post = await anon.postForm(
      '/admin/discounts',
      { ...FORM, code: 'ANON', percent: '5' },
      { formPage: '/admin/login' },
    );
    assert.equal(post.statusCode, 303);
    assert.equal(await findCode('ANON'), undefined);
  });
});
