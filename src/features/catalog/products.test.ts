import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { findProductById } from './queries.js';
import { createProductViaAdmin, PRODUCT_FORM } from './testing.js';

async function productCount(t: TestApp): Promise<number> {
  const r = await t.services.database.db
    .selectFrom('products')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

describe('admin products', () => {
  let t: TestApp;
  let admin: TestClient;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    admin = new TestClient(t.app);
    assert.equal((await admin.login()).statusCode, 303);
  });
  after(() => t.close());

  test('only a logged-in admin gets in', async () => {
    const anon = new TestClient(t.app);
    const res = await anon.get('/admin/products');
    assert.equal(res.statusCode, 303);
    assert.match(String(res.headers.location), /^\/admin\/login/);
    const post = await anon.postForm('/admin/products/new', PRODUCT_FORM, { formPage: '/admin/login' });
    assert.equal(post.statusCode, 303);
    assert.equal(await productCount(t), 0);
  });

  test('the new-product form starts with the store currency and as a draft', async () => {
    const res = await admin.get('/admin/products/new');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<option value="EUR" selected>EUR<\/option>/);
    assert.match(res.body, /<option value="draft" selected>Draft<\/option>/);
    assert.match(res.body, /name="_csrf"/);
  });

  test('create: the slug comes from the title with umlauts transliterated; edit shows the values', async () => {
    const id = await createProductViaAdmin(admin, { title: 'Schöne Grüße: Brot & Brötchen', price: '19,90' });
    const p = await findProductById(t.services.database.db, id);
    assert.equal(p?.slug, 'schoene-gruesse-brot-and-broetchen');
    assert.equal(p?.price_minor, 1990);
    assert.equal(p?.currency, 'EUR');
    assert.equal(p?.status, 'published');
    assert.ok(p?.published_at);
    const edit = await admin.get(`/admin/products/${id}?done=created`);
    assert.equal(edit.statusCode, 200);
    assert.match(edit.body, /Product created\./);
    assert.match(edit.body, /value="Schöne Grüße: Brot &amp; Brötchen"/);
    assert.match(edit.body, /name="price" type="text" value="19.90"/);
    const audit = await t.services.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'product.created')
      .execute();
    assert.equal(audit.length, 1);
  });

  test('slugs are unique: an automatic one gets a number, a typed one that is taken is a form error', async () => {
    const a = await createProductViaAdmin(admin, { title: 'Twin' });
    const b = await createProductViaAdmin(admin, { title: 'Twin' });
    const db = t.services.database.db;
    assert.equal((await findProductById(db, a))?.slug, 'twin');
    assert.equal((await findProductById(db, b))?.slug, 'twin-2');
    const before = await productCount(t);
    const res = await admin.postForm('/admin/products/new', { ...PRODUCT_FORM, title: 'Other', slug: 'twin' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Another product already uses this address/);
    assert.match(res.body, /value="Other"/);
    assert.equal(await productCount(t), before);

    const bad = await admin.postForm('/admin/products/new', { ...PRODUCT_FORM, slug: 'Mit Leerzeichen' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Use only lowercase letters/);

    const rename = await admin.postForm(
      `/admin/products/${b}`,
      { ...PRODUCT_FORM, title: 'Twin', slug: 'twin' },
      {
        formPage: `/admin/products/${b}`,
      },
    );
    assert.equal(rename.statusCode, 400);
    assert.match(rename.body, /Another product already uses this address/);
    assert.equal((await findProductById(db, b))?.slug, 'twin-2');
  });

  test('bad prices re-render the form with messages (400, never a 500) and store nothing', async () => {
    const before = await productCount(t);
    for (const fields of [
      { price: '-5' },
      { price: '12000000000' },
      { price: 'zwölf' },
      { pricing: 'pwyw', minPrice: '-1' },
      { pricing: 'pwyw', minPrice: '10', suggestedPrice: '2' },
      { price: '9,001' },
      { price: '12.345' },
    ]) {
      const res = await admin.postForm('/admin/products/new', { ...PRODUCT_FORM, ...fields });
      assert.equal(res.statusCode, 400, JSON.stringify(fields));
      assert.match(res.body, /Please correct the highlighted fields/);
      assert.match(
        res.body,
        /cannot be negative|too large \(at most 10 million\)|Enter an amount in digits|cannot be lower than the minimum|Is the comma a thousands separator|At most two decimal places/,
      );
    }
    const empty = await admin.postForm('/admin/products/new', {});
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Please enter a title/);
    assert.equal(await productCount(t), before);
  });

  test('update: pricing, status and text change; an unknown id is 404', async () => {
    const id = await createProductViaAdmin(admin, { title: 'Draft thing', status: 'draft' });
    const db = t.services.database.db;
    assert.equal((await findProductById(db, id))?.published_at, null);
    const res = await admin.postForm(
      `/admin/products/${id}`,
      {
        ...PRODUCT_FORM,
        title: 'Draft thing',
        slug: 'draft-thing',
        pricing: 'pwyw',
        minPrice: '3',
        suggestedPrice: '7,50',
        status: 'published',
        summary: 'Now\nlive',
      },
      { formPage: `/admin/products/${id}` },
    );
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/admin/products/${id}?done=published-nofile`);
    const p = await findProductById(db, id);
    assert.deepEqual(
      [p?.pricing, p?.price_minor, p?.min_price_minor, p?.suggested_price_minor, p?.status, p?.summary],
      ['pwyw', 0, 300, 750, 'published', 'Now live'],
    );
    assert.ok(p?.published_at);
    const missing = await admin.get('/admin/products/00000000-0000-4000-8000-000000000000');
    assert.equal(missing.statusCode, 404);
  });

  test('the list filters by status and searches title and slug', async () => {
    await createProductViaAdmin(admin, { title: 'Archived Atlas', status: 'archived' });
    const all = await admin.get('/admin/products');
    assert.equal(all.statusCode, 200);
    assert.match(all.body, /Archived Atlas/);
    assert.match(all.body, /Twin/);
    const archived = await admin.get('/admin/products?status=archived');
    assert.match(archived.body, /Archived Atlas/);
    assert.doesNotMatch(archived.body, />Twin</);
    const search = await admin.get('/admin/products?q=atlas');
    assert.match(search.body, /Archived Atlas/);
    assert.doesNotMatch(search.body, />Twin</);
    const wildcard = await admin.get('/admin/products?q=%25');
    assert.match(wildcard.body, /No product matches/);
    const bySlug = await admin.get('/admin/products?q=twin-2');
    assert.match(bySlug.body, /\/p\/twin-2/);
    const junk = await admin.get('/admin/products?status=nonsense&page=-4');
    assert.equal(junk.statusCode, 200);
  });

  test('German admin texts', async () => {
    await admin.get('/lang/de'); // the admin's stored language wins over Accept-Language
    const res = await admin.get('/admin/products/new');
    await admin.get('/lang/en');
    assert.match(res.body, /Neues Produkt/);
    assert.match(res.body, /Freie Preiswahl/);
    assert.match(res.body, /Produkt anlegen/);
  });
});
