// The public pages' render cache over real HTTP: what a change shows, it shows on the
// next request (in this process and in another one on the same database), and what
// belongs to one visitor (CSRF token, the path the language switch returns to, a
// signed-in reader's post) never reaches another.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { buildApp } from '../app.js';
import { openDatabase } from '../db/database.js';
import { CONTENT_TABLES } from '../db/migrations/0022-content-version.js';
import { readerCookie, seedMember, seedTier } from '../features/posts/testing.js';
import { saveTaxSettings } from '../features/tax/tax-settings.js';
import { testTaxSettings } from '../features/tax/testing.js';
import { buildTestApp, setUpStore, TEST_ADMIN, type TestApp } from '../testing/app.js';
import { formAsRendered } from '../testing/forms.js';
import { HttpClient, httpRequest, listenLocal } from '../testing/http.js';
import { pageCacheOf } from './page-cache.js';
import { ReadTables } from './read-tables.testing.js';

const BROWSER = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0', 'accept-language': 'en-IE,en' };
const tokenOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1];

describe('public page cache', () => {
  let t: TestApp;
  let base: string;
  let admin: HttpClient;
  let productId: string;
  const slug = 'cached-guide';
  const visitor = () => new HttpClient(base, BROWSER);

  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    await saveTaxSettings(t.services.database.db, testTaxSettings());
    base = await listenLocal(t.app);
    admin = new HttpClient(base);
    await admin.postForm('/admin/login', { email: TEST_ADMIN.email, password: TEST_ADMIN.password });
    const rendered = formAsRendered((await admin.get('/admin/products/new')).body, '/admin/products/new');
    const res = await admin.postForm('/admin/products/new', {
      ...rendered,
      title: 'Cached Guide',
      slug,
      price: '12.50',
      status: 'published',
      publishWithoutFile: '1',
    });
    productId = /\/admin\/products\/([0-9a-f-]{36})/.exec(res.location ?? '')?.[1] ?? '';
    assert.ok(productId, `product not created: ${res.status}`);
  });
  after(() => t.close());

  /** Saves the product editor's form as rendered, with `fields` changed. */
  async function edit(fields: Record<string, string>): Promise<void> {
    const action = `/admin/products/${productId}`;
    const form = formAsRendered((await admin.get(action)).body, action);
    const res = await admin.postForm(action, { ...form, publishWithoutFile: '1', ...fields });
    assert.equal(res.status, 303, res.body.match(/class="error"[^<]*<|role="alert">[^<]*/g)?.join(' '));
  }

  test('a price change shows at once on the product page and the store home', async () => {
    const v = visitor();
    for (let i = 0; i < 3; i++) assert.match((await v.get(`/p/${slug}`)).body, /€12\.50/);
    assert.match((await v.get('/')).body, /€12\.50/);
    assert.ok(pageCacheOf(t.services.database).size >= 2, 'the pages are kept');
    await edit({ price: '19.00', title: 'Cached Guide, second edition' });
    const page = (await v.get(`/p/${slug}`)).body;
    assert.match(page, /€19\.00/);
    assert.match(page, /Cached Guide, second edition/);
    assert.doesNotMatch(page, /€12\.50/);
    const home = (await v.get('/')).body;
    assert.match(home, /€19\.00/);
    assert.doesNotMatch(home, /€12\.50/);
  });

  test('an unpublished product is gone at once, and back when published again', async () => {
    const v = visitor();
    assert.equal((await v.get(`/p/${slug}`)).status, 200);
    for (const status of ['draft', 'archived']) {
      await edit({ status });
      assert.equal((await v.get(`/p/${slug}`)).status, 404, status);
      assert.doesNotMatch((await v.get('/')).body, new RegExp(`/p/${slug}`), status);
    }
    await edit({ status: 'published' });
    assert.equal((await v.get(`/p/${slug}`)).status, 200);
    assert.match((await v.get('/')).body, new RegExp(`/p/${slug}`));
  });

  test('a withdrawn membership tier is off the membership page at once (a tier that can no longer be had)', async () => {
    const { db } = t.services.database;
    const tier = await seedTier(db, { name: 'Patron' });
    const v = visitor();
    assert.match((await v.get('/membership')).body, /Patron/);
    assert.match((await v.get('/membership')).body, /Patron/);
    // Written straight to the database: the counter is kept by the database, not by the admin's code.
    await db.updateTable('membership_tiers').set({ active: 0 }).where('id', '=', tier).execute();
    assert.doesNotMatch((await v.get('/membership')).body, /Patron/);
  });

  test('a changed tax setting changes the note above the order button at once', async () => {
    const v = visitor();
    assert.match((await v.get(`/p/${slug}`)).body, /Total price incl\. VAT/);
    const form = formAsRendered((await admin.get('/admin/tax')).body, '/admin/tax');
    const res = await admin.postForm('/admin/tax', {
      ...form,
      mode: 'small_business',
      viesUrl: '',
      contactName: 'Lena Schreiber',
      contactEmail: 'rechnung@example.com',
    });
    assert.equal(res.status, 303, res.body.match(/class="error"[^<]*<|role="alert">[^<]*/g)?.join(' '));
    const page = (await v.get(`/p/${slug}`)).body;
    assert.match(page, /No VAT is charged under § 19 UStG/);
    assert.doesNotMatch(page, /Total price incl\. VAT/);
    await saveTaxSettings(t.services.database.db, testTaxSettings());
    assert.match((await v.get(`/p/${slug}`)).body, /Total price incl\. VAT/);
  });

  test('the language switch shows the other language at once and returns each visitor to their own page', async () => {
    const v = visitor();
    const other = visitor();
    const english = await v.get(`/p/${slug}?utm_source=letter`);
    assert.match(english.body, /<html lang="en"/);
    assert.match(english.body, /href="\/lang\/de\?back=%2Fp%2Fcached-guide%3Futm_source%3Dletter"/);
    const plain = await other.get(`/p/${slug}`);
    assert.match(plain.body, /href="\/lang\/de\?back=%2Fp%2Fcached-guide"/);
    assert.doesNotMatch(plain.body, /utm_source/);
    const switched = await v.get(`/lang/de?back=${encodeURIComponent(`/p/${slug}`)}`);
    assert.equal(switched.status, 303);
    const german = await v.get(`/p/${slug}`);
    assert.match(german.body, /<html lang="de"/);
    assert.match(german.body, /Gesamtpreis inkl\. MwSt\./);
    assert.match((await v.get('/')).body, /<html lang="de"/);
    assert.match((await other.get(`/p/${slug}`)).body, /<html lang="en"/, 'the other visitor keeps English');
  });

  test('the buy form preselects each visitor’s own country', async () => {
    const austrian = await visitor().get(`/p/${slug}`, { 'accept-language': 'de-AT,de' });
    const german = await visitor().get(`/p/${slug}`, { 'accept-language': 'de-DE,de' });
    assert.match(austrian.body, /<option value="AT" selected/);
    assert.match(german.body, /<option value="DE" selected/);
    assert.doesNotMatch(german.body, /<option value="AT" selected/);
  });

  test('two visitors never get each other’s CSRF token', async () => {
    const a = visitor();
    const b = visitor();
    const pageA = await a.get(`/p/${slug}`);
    const pageB = await b.get(`/p/${slug}`);
    const [tokenA, tokenB] = [tokenOf(pageA.body), tokenOf(pageB.body)];
    assert.ok(tokenA && tokenB);
    assert.notEqual(tokenA, tokenB);
    assert.notEqual(a.cookieHeader, b.cookieHeader);
    assert.match(a.cookieHeader, /_csrf=/);
    const buy = (client: HttpClient, token: string) =>
      client.request('/checkout', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: token, productId, email: 'buyer@example.com' }).toString(),
      });
    assert.equal((await buy(a, tokenB)).status, 403, "B's token is refused with A's cookie");
    assert.equal((await buy(b, tokenA)).status, 403, "A's token is refused with B's cookie");
    assert.notEqual((await buy(a, tokenA)).status, 403, 'each visitor’s own token is accepted');
    // The same visitor again: a new token for the same secret, still accepted.
    const again = tokenOf((await a.get(`/p/${slug}`)).body);
    assert.ok(again);
    assert.notEqual((await buy(a, again)).status, 403);
    // A page without a form sets no CSRF cookie.
    const stranger = await httpRequest(base, '/', { headers: BROWSER });
    assert.equal(stranger.headers['set-cookie'], undefined);
  });

  test('a browser that takes gzip gets the same page compressed, with a token of its own that works', async () => {
    const plain = await visitor().get(`/p/${slug}`);
    const res = await new Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }>(
      (resolve, reject) => {
        const { hostname, port } = new URL(base);
        const headers = { ...BROWSER, 'accept-encoding': 'gzip, deflate, br, zstd' };
        request({ host: hostname, port, path: `/p/${slug}`, headers }, (r) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => resolve({ headers: r.headers, body: Buffer.concat(chunks) }));
        })
          .on('error', reject)
          .end();
      },
    );
    assert.equal(res.headers['content-encoding'], 'gzip');
    assert.equal(res.headers.vary, 'accept-encoding');
    assert.equal(plain.headers.vary, 'accept-encoding');
    assert.equal(plain.headers['content-encoding'], undefined, 'no compression unless asked for');
    const html = gunzipSync(res.body).toString('utf8');
    const token = tokenOf(html);
    assert.ok(token && token !== tokenOf(plain.body));
    assert.equal(html.replace(token, 'TOKEN'), plain.body.replace(tokenOf(plain.body) ?? '', 'TOKEN'));
    assert.ok(res.body.length * 2 < Buffer.byteLength(html), 'compressed to less than half');
    const cookie = String([res.headers['set-cookie']].flat()[0]).split(';')[0] ?? '';
    const buy = await httpRequest(base, '/checkout', {
      method: 'POST',
      headers: { ...BROWSER, cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: token, productId, email: 'buyer@example.com' }).toString(),
    });
    assert.notEqual(buy.status, 403, 'the token from the compressed page is accepted');
  });

  test('a signed-in reader’s post is never served to a stranger, nor the stranger’s to the reader', async () => {
    const { db } = t.services.database;
    const create = await admin.postForm('/admin/posts/new', {
      title: 'Members only',
      slug: 'members-only',
      excerpt: 'Teaser for strangers.',
      body: 'SECRET-MEMBER-BODY',
      visibility: 'members',
      action: 'publish',
      sendEmail: '',
    });
    assert.equal(create.status, 303, create.body.slice(0, 200));
    await seedMember(db, { email: 'reader@example.com' });
    const reader = visitor();
    const cookie = await readerCookie(db, 'reader@example.com');
    const stranger = visitor();
    assert.doesNotMatch((await stranger.get('/posts/members-only')).body, /SECRET-MEMBER-BODY/);
    assert.match((await reader.get('/posts/members-only', { cookie })).body, /SECRET-MEMBER-BODY/);
    const after = (await stranger.get('/posts/members-only')).body;
    assert.doesNotMatch(after, /SECRET-MEMBER-BODY/);
    assert.match(after, /Teaser for strangers\./);
    assert.match((await reader.get('/posts/members-only', { cookie })).body, /SECRET-MEMBER-BODY/);
  });

  test('every table a cached page reads is one whose changes move the content version', async () => {
    const reads = new ReadTables();
    const { database } = t.services;
    // A store of its own (a fresh cache), reading through Kysely only, so every query is seen.
    const observed = { ...database, db: database.db.withPlugin(reads), sqlite: undefined };
    const second = await buildApp({ ...t.services, database: observed });
    try {
      const v = new HttpClient(await listenLocal(second), BROWSER);
      for (const path of ['/', `/p/${slug}`, '/posts', '/posts/members-only', '/membership']) {
        for (const language of ['en-IE', 'de-DE']) {
          assert.equal((await v.get(path, { 'accept-language': language })).status, 200, path);
        }
      }
    } finally {
      await second.close();
    }
    // The store's settings are read too (the language, the salt of the visitor count): their table is watched.
    const watched = new Set<string>([...CONTENT_TABLES, 'settings']);
    const unwatched = [...reads.tables].filter((table) => !watched.has(table));
    assert.deepEqual(unwatched, [], 'a cached page reads a table the content version does not watch (migration 0022)');
    assert.ok(reads.tables.has('products') && reads.tables.has('posts') && reads.tables.has('membership_tiers'));
  });

  test('a change made by another process on the same database shows at once', async () => {
    const database = await openDatabase(t.database.url);
    const second = await buildApp({ ...t.services, database });
    try {
      const secondBase = await listenLocal(second);
      const v = new HttpClient(secondBase, BROWSER);
      assert.match((await v.get(`/p/${slug}`)).body, /Cached Guide/);
      await edit({ title: 'Renamed elsewhere' });
      assert.match((await v.get(`/p/${slug}`)).body, /Renamed elsewhere/);
      await edit({ status: 'draft' });
      assert.equal((await v.get(`/p/${slug}`)).status, 404);
      await edit({ status: 'published' });
    } finally {
      await second.close();
      await database.close();
    }
  });
});
