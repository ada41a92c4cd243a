import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { findProductById } from './queries.js';
import { createProductViaAdmin, pngImage, postMultipart } from './testing.js';

function jsonLd(html: string): Record<string, unknown> {
  const m = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html);
  assert.ok(m?.[1], 'JSON-LD present');
  return JSON.parse(m[1]) as Record<string, unknown>;
}

function meta(html: string, property: string): string | undefined {
  return new RegExp(`<meta property="${property}" content="([^"]*)"`).exec(html)?.[1];
}

describe('store front', () => {
  let t: TestApp;
  let admin: TestClient;
  let visitor: TestClient;
  const ids: Record<string, string> = {};
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    admin = new TestClient(t.app);
    visitor = new TestClient(t.app);
    await admin.login();
    ids.book = await createProductViaAdmin(admin, {
      title: 'Sourdough Basics',
      summary: 'Bake your first loaf',
      description: '## Inside\n\n- 40 pages\n\n<script>alert(1)</script> [x](javascript:alert(1))',
    });
    ids.pwyw = await createProductViaAdmin(admin, {
      title: 'Tip Jar Zine',
      pricing: 'pwyw',
      minPrice: '3',
      suggestedPrice: '8',
    });
    ids.free = await createProductViaAdmin(admin, { title: 'Free Checklist', pricing: 'free' });
    ids.draft = await createProductViaAdmin(admin, { title: 'Secret Draft', status: 'draft' });
    ids.archived = await createProductViaAdmin(admin, { title: 'Old Archive', status: 'archived' });
    ids.hostile = await createProductViaAdmin(admin, {
      title: '</script><script>alert(1)</script>',
      slug: 'hostile',
    });
    const page = `/admin/products/${ids.book}`;
    const cover = await postMultipart(
      t.app,
      admin,
      `${page}/cover`,
      [{ name: 'cover', filename: 'c.png', content: await pngImage() }],
      page,
    );
    assert.equal(cover.statusCode, 303);
    await postMultipart(
      t.app,
      admin,
      `${page}/files`,
      [
        { name: 'name', value: 'The Book (PDF)' },
        { name: 'file', filename: 'book.pdf', content: Buffer.alloc(2_400_000, 1) },
      ],
      page,
    );
  });
  after(() => t.close());

  test('the home lists only published products, as cards with prices', async () => {
    const res = await visitor.get('/', { 'accept-language': 'en' });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<h1>Test Store<\/h1>/);
    for (const title of ['Sourdough Basics', 'Tip Jar Zine', 'Free Checklist'])
      assert.ok(res.body.includes(title), title);
    for (const title of ['Secret Draft', 'Old Archive']) assert.ok(!res.body.includes(title), title);
    assert.match(res.body, /€12\.50/);
    assert.match(res.body, /Pay what you want, from €3\.00/);
    assert.match(res.body, /class="card-price">Free</);
    assert.match(res.body, /href="\/p\/sourdough-basics"/);
  });

  test('drafts and archived products are 404 for the public; admins can preview them', async () => {
    assert.equal((await visitor.get('/p/secret-draft')).statusCode, 404);
    assert.equal((await visitor.get('/p/old-archive')).statusCode, 404);
    assert.equal((await visitor.get('/p/nothing-here')).statusCode, 404);
    assert.equal((await visitor.get(`/admin/products/${ids.draft}/preview`)).statusCode, 303);
    const preview = await admin.get(`/admin/products/${ids.draft}/preview`);
    assert.equal(preview.statusCode, 200);
    assert.match(preview.body, /Secret Draft/);
    assert.match(preview.body, /Preview — this product is “Draft”/);
    assert.match(preview.body, /<meta name="robots" content="noindex"\/>/);
  });

  test('a product page: cover, price, safe description, included files and the buy form', async () => {
    const res = await visitor.get('/p/sourdough-basics', { 'accept-language': 'en' });
    assert.equal(res.statusCode, 200);
    const p = await findProductById(t.services.database.db, ids.book!);
    assert.ok(res.body.includes(`src="/media/${p?.cover_key}.webp"`));
    assert.match(res.body, /class="product-price">€12\.50</);
    assert.match(res.body, /<h2>Inside<\/h2>/);
    assert.match(res.body, /<li>40 pages<\/li>/);
    assert.doesNotMatch(res.body, /<script>alert/);
    assert.doesNotMatch(res.body, /href="javascript:/);
    assert.match(res.body, /The Book \(PDF\)<\/span><span class="muted">2.3 MB</);
    assert.doesNotMatch(res.body, /book\.pdf|\/files\//);
    const form = /<form method="post" action="\/checkout"[\s\S]*?<\/form>/.exec(res.body)?.[0] ?? '';
    const names = [...form.matchAll(/name="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(names, [
      '_csrf',
      'productId',
      'email',
      'name',
      'billingCountry',
      'discountCode',
      'step', // "apply code": shows the price with the code on the checkout page
      'digitalConsent',
    ]);
    // Without a region in Accept-Language the store's country is preselected (no tax settings: Germany).
    assert.match(form, /<option value="DE" selected>Germany<\/option>/);
    assert.ok(form.includes(`name="productId" value="${ids.book}"`));
    assert.match(form, />Buy now — payment required<\/button>/);
  });

  test('Open Graph and JSON-LD carry the absolute image URL and the right price', async () => {
    const res = await visitor.get('/p/sourdough-basics');
    const base = t.services.config.publicUrl;
    const p = await findProductById(t.services.database.db, ids.book!);
    assert.match(res.body, /<meta name="description" content="Bake your first loaf"\/>/);
    assert.equal(meta(res.body, 'og:type'), 'product');
    assert.equal(meta(res.body, 'og:title'), 'Sourdough Basics');
    assert.equal(meta(res.body, 'og:description'), 'Bake your first loaf');
    assert.equal(meta(res.body, 'og:image'), `${base}/media/${p?.cover_key}.webp`);
    assert.equal(meta(res.body, 'product:price:amount'), '12.50');
    const ld = jsonLd(res.body);
    assert.equal(ld['@type'], 'Product');
    assert.equal(ld.name, 'Sourdough Basics');
    assert.deepEqual(ld.image, [`${base}/media/${p?.cover_key}.webp`]);
    assert.deepEqual(ld.offers, {
      '@type': 'Offer',
      url: `${base}/p/sourdough-basics`,
      price: '12.50',
      priceCurrency: 'EUR',
      availability: 'https://schema.org/InStock',
    });
  });

  test('JSON-LD cannot close its script element', async () => {
    const res = await visitor.get('/p/hostile');
    assert.equal(res.statusCode, 200);
    assert.doesNotMatch(res.body, /<script>alert/);
    assert.match(res.body, /\\u003c\/script>\\u003cscript>alert\(1\)\\u003c\/script>/);
    assert.equal(jsonLd(res.body).name, '</script><script>alert(1)</script>');
  });

  test('pay what you want prefills the suggested amount; free asks only for email and name', async () => {
    const pwyw = await visitor.get('/p/tip-jar-zine');
    assert.match(pwyw.body, /name="amount" type="text" value="8.00"/);
    assert.match(pwyw.body, /At least €3\.00\./);
    assert.equal((jsonLd(pwyw.body).offers as { price: string }).price, '3.00');
    const free = await visitor.get('/p/free-checklist');
    const form = /<form method="post" action="\/checkout"[\s\S]*?<\/form>/.exec(free.body)?.[0] ?? '';
    assert.deepEqual(
      [...form.matchAll(/name="([^"]+)"/g)].map((m) => m[1]),
      ['_csrf', 'productId', 'email', 'name'],
    );
    assert.match(form, />Get it free<\/button>/);
    assert.equal((jsonLd(free.body).offers as { price: string }).price, '0.00');
  });

  test('German texts and number formats by Accept-Language', async () => {
    const home = await new TestClient(t.app).get('/', { 'accept-language': 'de-DE,de;q=0.9' });
    assert.match(home.body, /<html lang="de">/);
    assert.match(home.body, /12,50\s€/);
    assert.match(home.body, /Preis frei wählbar – ab 3,00\s€/);
    assert.match(home.body, />Kostenlos</);
    const page = await new TestClient(t.app).get('/p/sourdough-basics', { 'accept-language': 'de' });
    assert.match(page.body, /Zahlungspflichtig bestellen/);
    assert.match(page.body, /Das bekommen Sie/);
    assert.match(page.body, /Rabattcode \(freiwillig\)/);
    assert.match(page.body, /2,3 MB/);
    const free = await new TestClient(t.app).get('/p/free-checklist', { 'accept-language': 'de' });
    assert.match(free.body, /Kostenlos erhalten/);
  });

  test('an empty store says so', async () => {
    const empty = await buildTestApp();
    try {
      await setUpStore(empty.services);
      const res = await new TestClient(empty.app).get('/');
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /There is nothing for sale yet/);
    } finally {
      await empty.close();
    }
  });
});
