import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { buildTestApp, setUpStore, type TestApp } from '../../testing/app.js';
import { HttpClient } from '../../testing/http.js';

/**
 * The creator's shows through the admin's forms over real HTTP: a new show is
 * a draft product with its show row, its settings are checked and move the
 * feeds' version, artwork is checked by content (square, at least 1400 px)
 * and stored as JPEGs at Apple's sizes, and no page is anyone else's.
 */

const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 4, background: { r: 200, g: 40, b: 90, alpha: 0.5 } } })
    .png()
    .toBuffer();

describe('podcast shows in the admin', () => {
  let t: TestApp;
  let admin: HttpClient;
  let showId: string;
  const db = () => t.services.database.db;
  const show = () =>
    db().selectFrom('podcast_shows').selectAll().where('product_id', '=', showId).executeTakeFirstOrThrow();

  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    admin = await HttpClient.listen(t.app);
    await admin.login();
  });
  after(() => t.close());

  test('a new show is a draft product of kind podcast with its show row; an empty title is refused', async () => {
    const empty = await admin.postForm('/admin/podcasts/new', { title: '  ' }, { formPage: '/admin/podcasts' });
    assert.equal(empty.status, 400);
    assert.match(empty.body, /Enter a title/);
    const created = await admin.postForm(
      '/admin/podcasts/new',
      { title: 'Kitchen Talk' },
      { formPage: '/admin/podcasts' },
    );
    assert.equal(created.status, 303);
    showId = /\/admin\/podcasts\/([0-9a-f-]{36})\?done=created/.exec(created.location ?? '')?.[1] ?? '';
    assert.ok(showId, created.location);
    const product = await db().selectFrom('products').selectAll().where('id', '=', showId).executeTakeFirstOrThrow();
    assert.equal(product.kind, 'podcast');
    assert.equal(product.status, 'draft');
    assert.equal(product.title, 'Kitchen Talk');
    assert.equal((await show()).sharing_networks_threshold, 8);
    const productPage = await admin.get(`/admin/products/${showId}`);
    assert.equal(productPage.status, 200);
    assert.match(productPage.body, new RegExp(`href="/admin/podcasts/${showId}"`));
    assert.doesNotMatch(productPage.body, /id="h-files"/, 'a show delivers episodes, not files');
    const list = await admin.get('/admin/podcasts');
    assert.match(list.body, /Kitchen Talk/);
    assert.match(list.body, /href="\/admin\/podcasts\/alerts"/);
  });

  test('settings are checked; saved ones move the feed version', async () => {
    const tier = await db()
      .insertInto('membership_tiers')
      .values({
        id: '0f000000-0000-4000-8000-000000000001',
        slug: 'circle',
        name: 'Circle',
        currency: 'EUR',
        monthly_price_minor: 500,
        yearly_price_minor: null,
        product_id: null,
        created_at: new Date().toISOString(),
        updated_at: new Date().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const editor = `/admin/podcasts/${showId}`;
    const page = await admin.get(editor);
    assert.equal(page.status, 200);
    assert.match(page.body, /Circle/);
    assert.match(page.body, /<option value="Arts\/Design"/);
    const before = (await show()).feed_version;
    const good = {
      title: 'Kitchen Talk',
      description: 'Cooking, slowly.',
      author: 'Ada Cook',
      language: 'de-AT',
      category: 'Arts/Food',
      explicit: '1',
      publicFeed: '',
      threshold: '',
    };
    const bad = await admin.request(`${editor}/settings`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        ...good,
        threshold: '1',
        category: 'Arts/Gardening',
        _csrf: /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '',
      }).toString(),
    });
    assert.equal(bad.status, 400);
    assert.match(bad.body, /whole number from 2 to 100/);
    assert.match(bad.body, /Choose one of the options/);
    assert.equal((await show()).feed_version, before, 'nothing saved');

    const form = new URLSearchParams({ ...good, _csrf: /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '' });
    form.append('tiers', tier.id);
    const saved = await admin.request(`${editor}/settings`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    assert.equal(saved.status, 303);
    const s = await show();
    assert.equal(s.language, 'de-AT');
    assert.equal(s.category, 'Arts');
    assert.equal(s.subcategory, 'Food');
    assert.equal(s.explicit, 1);
    assert.equal(s.public_feed, 0);
    assert.equal(s.sharing_networks_threshold, 8);
    assert.deepEqual(JSON.parse(s.tier_ids), [tier.id]);
    assert.equal(s.feed_version, before + 1);
    const unknownTier = await admin.postForm(
      `${editor}/settings`,
      { ...good, tiers: 'no-such-tier' },
      { formPage: editor },
    );
    assert.equal(unknownTier.status, 400);
  });

  test('artwork: square, at least 1400 px, an image by its content; stored as JPEGs, the old files deleted', async () => {
    const editor = `/admin/podcasts/${showId}`;
    const upload = (content: Buffer, filename = 'cover.png') =>
      admin.postMultipart(`${editor}/artwork`, {}, [{ name: 'artwork', filename, content, type: 'image/png' }], {
        formPage: editor,
      });
    const small = await upload(await png(1000, 1000));
    assert.equal(small.status, 400);
    assert.match(small.body, /at least 1400 × 1400 pixels/);
    const oblong = await upload(await png(1500, 1400));
    assert.equal(oblong.status, 400);
    assert.match(oblong.body, /must be square/);
    const text = await upload(Buffer.from('not a picture at all'), 'cover.png');
    assert.equal(text.status, 400);
    assert.match(text.body, /not a JPEG, PNG or WebP/);
    assert.equal((await show()).artwork_key, null);

    const version = (await show()).feed_version;
    const ok = await upload(await png(1400, 1400));
    assert.equal(ok.status, 303);
    const first = await show();
    assert.ok(first.artwork_key?.startsWith('podcast-artwork/'));
    assert.equal(first.feed_version, version + 1);
    const { storage } = t.services;
    const meta = async (key: string) => {
      const chunks: Buffer[] = [];
      for await (const c of storage.read(key)) chunks.push(c as Buffer);
      return sharp(Buffer.concat(chunks)).metadata();
    };
    const large = await meta(first.artwork_key ?? '');
    assert.deepEqual(
      [large.format, large.width, large.height, large.hasAlpha, large.space],
      ['jpeg', 1400, 1400, false, 'srgb'],
    );
    const copy = await meta(first.artwork_small_key ?? '');
    assert.deepEqual([copy.width, copy.height], [600, 600]);

    assert.equal((await upload(await png(3200, 3201))).status, 303, 'one pixel off still counts as square');
    const second = await show();
    assert.equal((await meta(second.artwork_key ?? '')).width, 3000);
    assert.equal(await storage.size(first.artwork_key ?? ''), undefined, 'the replaced artwork is deleted');
    assert.equal(await storage.size(first.artwork_small_key ?? ''), undefined);
  });

  test('nobody but the admin sees or changes a show', async () => {
    const stranger = admin.fresh();
    for (const path of ['/admin/podcasts', `/admin/podcasts/${showId}`, '/admin/podcasts/alerts']) {
      const r = await stranger.get(path);
      assert.equal(r.status, 303, path);
      assert.match(r.location ?? '', /\/admin\/login/);
    }
    const post = await stranger.request('/admin/podcasts/new', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'title=Sneaky',
    });
    assert.notEqual(post.status, 303);
    const shows = await t.services.database.db.selectFrom('podcast_shows').select('product_id').execute();
    assert.equal(shows.length, 1);
  });
});
