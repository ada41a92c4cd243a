import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { seedProduct } from '../checkout/testing.js';
import { findTier, listTiers } from './tiers.js';

describe('membership tiers: admin and public page', () => {
  let t: TestApp;
  let admin: TestClient;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    admin = new TestClient(t.app);
    await admin.login();
  });
  after(() => t.close());

  test('a paid tier with prices and benefits gets a membership product the store front does not list', async () => {
    const res = await admin.postForm(
      '/admin/memberships/tiers',
      {
        name: 'Insider',
        slug: '',
        kind: 'paid',
        description: 'The **weekly** letter.',
        benefits: 'Weekly letter\n\n  Archive access  \n',
        monthly: '7,50',
        yearly: '75',
        position: '1',
        active: '1',
      },
      { formPage: '/admin/memberships/tiers/new' },
    );
    assert.equal(res.statusCode, 303, res.body.slice(0, 400));
    const tier = (await listTiers(t.services.database.db)).find((x) => x.slug === 'insider');
    assert.ok(tier);
    assert.equal(tier.monthly_price_minor, 750);
    assert.equal(tier.yearly_price_minor, 7500);
    assert.deepEqual(JSON.parse(tier.benefits), ['Weekly letter', 'Archive access']);
    const product = await t.services.database.db
      .selectFrom('products')
      .selectAll()
      .where('id', '=', tier.product_id!)
      .executeTakeFirstOrThrow();
    assert.equal(product.kind, 'membership');
    assert.equal(product.title, 'Insider');

    await seedProduct(t.services, { title: 'Sourdough Handbook' });
    const home = await t.app.inject('/');
    assert.match(home.body, /Sourdough Handbook/);
    assert.doesNotMatch(home.body, /Insider/);
    assert.equal((await t.app.inject(`/p/${product.slug}`)).statusCode, 404);
    const list = await admin.get('/admin/products');
    assert.doesNotMatch(list.body, /Insider/);
    assert.match(list.body, /Sourdough Handbook/);
    // Nor can it be bought as a one-off product.
    const c = new TestClient(t.app);
    const buy = await c.postForm(
      '/checkout',
      { productId: product.id, digitalConsent: '1', email: 'x@example.com', name: '' },
      { formPage: '/library' },
    );
    assert.notEqual(buy.statusCode, 303);

    // Editing the tier keeps its product in step.
    const edit = await admin.postForm(
      `/admin/memberships/tiers/${tier.id}`,
      {
        name: 'Insider Plus',
        slug: 'insider',
        description: '',
        benefits: 'All',
        monthly: '9',
        yearly: '',
        position: '1',
        active: '1',
      },
      { formPage: `/admin/memberships/tiers/${tier.id}` },
    );
    assert.equal(edit.statusCode, 303);
    const saved = (await findTier(t.services.database.db, tier.id))!;
    assert.equal(saved.monthly_price_minor, 900);
    assert.equal(saved.yearly_price_minor, null);
    const p2 = await t.services.database.db
      .selectFrom('products')
      .select(['title', 'price_minor'])
      .where('id', '=', tier.product_id!)
      .executeTakeFirstOrThrow();
    assert.equal(p2.title, 'Insider Plus');
  });

  test('bad input re-renders the form with errors, never a 500', async () => {
    const post = (fields: Record<string, string>) =>
      admin.postForm('/admin/memberships/tiers', fields, { formPage: '/admin/memberships/tiers/new' });
    const noPrice = await post({ name: 'Nothing', kind: 'paid', monthly: '', yearly: '' });
    assert.equal(noPrice.statusCode, 400);
    assert.match(noPrice.body, /needs a monthly or a yearly price/);
    const badPrice = await post({ name: 'Bad', kind: 'paid', monthly: '-5', yearly: 'abc' });
    assert.equal(badPrice.statusCode, 400);
    assert.match(badPrice.body, /Enter an amount above zero/);
    const badKind = await post({ name: 'Odd', kind: 'gold' });
    assert.equal(badKind.statusCode, 400);
    const badSlug = await post({ name: 'Slug', slug: 'Not A Slug!', kind: 'free' });
    assert.equal(badSlug.statusCode, 400);
    const free = await post({ name: 'Free', kind: 'free', active: '1' });
    assert.equal(free.statusCode, 303);
    const second = await post({ name: 'Also free', kind: 'free', active: '1' });
    assert.equal(second.statusCode, 400);
    assert.match(second.body, /already is an active free tier/);
    const dup = await post({ name: 'Free', slug: 'free', kind: 'paid', monthly: '3' });
    assert.equal(dup.statusCode, 400);
    assert.match(dup.body, /Another tier uses this address/);
    const noCsrf = await admin.postForm('/admin/memberships/tiers', { name: 'X', kind: 'free' }, { csrf: null });
    assert.equal(noCsrf.statusCode, 403);
    const anonymous = await new TestClient(t.app).get('/admin/memberships');
    assert.equal(anonymous.statusCode, 303);
  });

  test('the public page lists active tiers with prices, an interval choice and the free join link', async () => {
    const res = await t.app.inject({ url: '/membership', headers: { 'accept-language': 'de' } });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Insider Plus/);
    assert.match(res.body, /9,00\s€ pro Monat/);
    assert.match(res.body, /href="\/join"/);
    assert.match(res.body, /action="\/membership\/subscribe"/);
    const en = await t.app.inject('/membership');
    assert.match(en.body, /Join for free/);
  });
});
