// Admin forms over real HTTP, posted exactly as their pages render them (plus
// what a person types): empty optional fields mean their defaults, and stored
// amounts shown in the admin's language come back unchanged.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { findProductById } from '../features/catalog/queries.js';
import { buildTestApp, setUpStore, TEST_ADMIN, type TestApp } from '../testing/app.js';
import { formAsRendered } from '../testing/forms.js';
import { HttpClient, listenLocal } from '../testing/http.js';

describe('admin forms posted as rendered', () => {
  let t: TestApp;
  let admin: HttpClient;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    admin = new HttpClient(await listenLocal(t.app));
    await admin.postForm('/admin/login', { email: TEST_ADMIN.email, password: TEST_ADMIN.password });
    await admin.get('/lang/de?back=/admin'); // the admin reads and types German
  });
  after(() => t.close());

  async function rendered(page: string, action = page) {
    const res = await admin.get(page);
    assert.equal(res.status, 200, page);
    return formAsRendered(res.body, action);
  }

  /** The alert and field errors of a re-rendered form, for failure messages. */
  const why = (body: string) => body.match(/(role="alert"|class="error"[^>]*)>[^<]*/g)?.join(' | ');

  test('product editor: a German price is saved and shown again as typed, and an unchanged form saves the same price', async () => {
    const form = await rendered('/admin/products/new');
    const created = await admin.postForm('/admin/products/new', { ...form, title: 'Brotbuch', price: '1.234,56' });
    assert.equal(created.status, 303, why(created.body));
    const id = /products\/([0-9a-f-]{36})/.exec(created.location ?? '')?.[1] ?? '';
    assert.equal((await findProductById(t.services.database.db, id))?.price_minor, 123456);
    const edit = await rendered(`/admin/products/${id}`);
    assert.equal(edit.price, '1234,56', 'shown the German way, without a thousands point');
    const again = await admin.postForm(`/admin/products/${id}`, edit, { formPage: `/admin/products/${id}` });
    assert.equal(again.status, 303, why(again.body));
    assert.equal((await findProductById(t.services.database.db, id))?.price_minor, 123456);
  });

  test('discount code: a new amount code with the optional fields left empty, then its edit form unchanged', async () => {
    const form = await rendered('/admin/discounts/new', '/admin/discounts');
    const res = await admin.postForm(
      '/admin/discounts',
      { ...form, code: 'SOMMER', kind: 'amount', amount: '4,50' },
      { formPage: '/admin/discounts/new' },
    );
    assert.equal(res.status, 303, why(res.body));
    const code = await t.services.database.db
      .selectFrom('discount_codes')
      .selectAll()
      .where('code', '=', 'SOMMER')
      .executeTakeFirstOrThrow();
    assert.deepEqual([code.amount_off_minor, code.expires_at, code.max_redemptions], [450, null, null]);
    const edit = await rendered(`/admin/discounts/${code.id}`);
    assert.equal(edit.amount, '4,50');
    const again = await admin.postForm(`/admin/discounts/${code.id}`, edit, {
      formPage: `/admin/discounts/${code.id}`,
    });
    assert.equal(again.status, 303, why(again.body));
    const after = await t.services.database.db
      .selectFrom('discount_codes')
      .select('amount_off_minor')
      .where('id', '=', code.id)
      .executeTakeFirstOrThrow();
    assert.equal(after.amount_off_minor, 450);
  });

  test('membership tier: a paid tier with only a monthly price, then its edit form unchanged', async () => {
    const page = await admin.get('/admin/memberships/tiers/new');
    const action = /<form method="post" action="(\/admin\/memberships\/tiers[^"]*)"/.exec(page.body)?.[1] ?? '';
    const form = formAsRendered(page.body, action);
    const res = await admin.postForm(
      action,
      { ...form, name: 'Unterstützer', kind: 'paid', monthly: '4,90', yearly: '' },
      { formPage: '/admin/memberships/tiers/new' },
    );
    assert.equal(res.status, 303, why(res.body));
    const tier = await t.services.database.db
      .selectFrom('membership_tiers')
      .selectAll()
      .where('name', '=', 'Unterstützer')
      .executeTakeFirstOrThrow();
    assert.deepEqual([tier.monthly_price_minor, tier.yearly_price_minor], [490, null]);
    const url = `/admin/memberships/tiers/${tier.id}`;
    const edit = await rendered(url);
    assert.equal(edit.monthly, '4,90');
    const again = await admin.postForm(url, edit, { formPage: url });
    assert.equal(again.status, 303, why(again.body));
    const after = await t.services.database.db
      .selectFrom('membership_tiers')
      .select(['monthly_price_minor', 'yearly_price_minor'])
      .where('id', '=', tier.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual([after.monthly_price_minor, after.yearly_price_minor], [490, null]);
  });

  test('legal notice (Impressum): the empty form of a fresh store saves', async () => {
    const form = await rendered('/admin/legal/impressum');
    const res = await admin.postForm('/admin/legal/impressum', form);
    assert.equal(res.status, 303, why(res.body));
  });

  test('analytics settings: the form as rendered saves, the hourly rate in German', async () => {
    const page = '/admin/analytics/effort';
    const form = await rendered(page, '/admin/analytics/settings');
    const res = await admin.postForm('/admin/analytics/settings', { ...form, rate: '62,50' }, { formPage: page });
    assert.equal(res.status, 303);
    assert.doesNotMatch(res.location ?? '', /error/);
    assert.equal((await rendered(page, '/admin/analytics/settings')).rate, '62,50');
  });

  test('list filters sent empty (a filter form with nothing chosen) mean "no filter" and page 1', async () => {
    for (const path of [
      '/admin/orders?q=&status=&product=&from=&to=&page=',
      '/admin/customers?q=&page=',
      '/admin/discounts?page=',
      '/admin/emails?status=&page=',
      '/admin/products?status=&page=',
      '/admin/members?status=&page=',
      '/admin/licenses?page=',
      '/posts?page=',
    ]) {
      assert.equal((await admin.get(path)).status, 200, path);
    }
    for (const path of ['/admin/orders?page=0', '/admin/discounts?page=x', '/admin/emails?page=-1']) {
      assert.equal((await admin.get(path)).status, 400, `${path} is a wrong page, not an empty one`);
    }
  });
});
