import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { CUSTOMER_COOKIE, startCustomerSession } from '../library/sessions.js';
import { seedTier, subscribeAndPay } from '../memberships/testing.js';
import { findFeedByToken, setFeedStatus } from './feed-tokens.js';
import { seedEpisode, seedShow } from './library-seed.testing.js';

/** The subscribe page in the library: for listeners only, the private URL and its ways into apps, a new URL on request. */
describe('podcasts: the library and the subscribe page', () => {
  let t: TestApp;
  let showId: string;
  let otherShowId: string;
  const MEMBER = 'member@example.com';
  const db = () => t.services.database.db;
  const page = () => `/library/podcasts/${showId}`;

  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    const tier = await seedTier(t.services, { name: 'Supporter' });
    const other = await seedTier(t.services, { name: 'Patron', slug: 'patron' });
    ({ showId } = await seedShow(t.services, { title: 'Soil stories', tierIds: [tier.id] }));
    ({ showId: otherShowId } = await seedShow(t.services, { title: 'Patron hour', tierIds: [other.id] }));
    await seedEpisode(t.services, showId);
    await subscribeAndPay(t, new TestClient(t.app), { tier: 'supporter', email: MEMBER });
  });
  after(() => t.close());

  async function signedIn(email: string): Promise<TestClient> {
    const c = new TestClient(t.app);
    c.setCookie(CUSTOMER_COOKIE, await startCustomerSession(db(), email));
    return c;
  }
  const feedUrlIn = (html: string) => {
    const m = /id="f-feed-url"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*id="f-feed-url"/.exec(html);
    assert.ok(m, 'the page shows the feed URL');
    return (m[1] ?? m[2])!;
  };
  const tokenIn = (url: string) => url.split('/').at(-1)!;

  test('the library lists the shows the member hears, linked to their subscribe page', async () => {
    const res = await (await signedIn(MEMBER)).get('/library');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Your podcasts/);
    assert.match(res.body, /Soil stories/);
    assert.ok(res.body.includes(`href="/library/podcasts/${showId}"`));
    assert.doesNotMatch(res.body, /Patron hour/, 'a show of another tier is not listed');
  });

  test('the subscribe page shows the private URL, app buttons, a QR code and how-tos; the feed is made once', async () => {
    const me = await signedIn(MEMBER);
    const res = await me.get(page());
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['cache-control'] as string, /no-store/);
    const url = feedUrlIn(res.body);
    assert.match(
      url,
      new RegExp(`^${t.services.config.publicUrl.replace(/\/+$/, '')}/feeds/${showId}/[A-Za-z0-9_-]{43}$`),
    );
    const bare = url.replace(/^https?:\/\//, '');
    assert.ok(res.body.includes(`href="podcast://${bare}"`));
    assert.ok(res.body.includes(`href="overcast://x-callback-url/add?url=${encodeURIComponent(url)}"`));
    assert.ok(res.body.includes(`href="pktc://subscribe/${bare}"`));
    assert.match(res.body, /<svg[^>]*width="256"/);
    assert.match(res.body, /Follow a Show by URL/);
    assert.match(res.body, /This URL is personal/);
    assert.match(res.body, /src="\/assets\/podcast-subscribe\.js\?v=/);
    const feed = await findFeedByToken(db(), showId, tokenIn(url));
    assert.equal(feed?.email, MEMBER);
    assert.equal(feedUrlIn((await me.get(page())).body), url, 'the same URL on the next visit');
    const feeds = await db().selectFrom('podcast_feeds').select('id').where('show_id', '=', showId).execute();
    assert.equal(feeds.length, 1);
    const de = await me.get(page(), { cookie: `${me.cookieHeader}; vf_lang=de` });
    assert.match(de.body, /Ihre private Feed-Adresse/);
  });

  test('a stranger finds nothing, a visitor is sent to sign in, an unknown show is not found', async () => {
    assert.equal((await (await signedIn('stranger@example.com')).get(page())).statusCode, 404);
    const visitor = await new TestClient(t.app).get(page());
    assert.equal(visitor.statusCode, 303);
    assert.equal(visitor.headers.location, '/library');
    assert.equal((await (await signedIn(MEMBER)).get('/library/podcasts/nope')).statusCode, 404);
    const rotate = await (await signedIn('stranger@example.com')).postForm(
      `${page()}/rotate`,
      {},
      { formPage: '/library' },
    );
    assert.equal(rotate.statusCode, 303);
    assert.equal(
      (await db().selectFrom('podcast_feeds').select('id').where('email', '=', 'stranger@example.com').execute())
        .length,
      0,
    );
  });

  test('a member whose tier does not include the show is told so, with the way to the memberships', async () => {
    const res = await (await signedIn(MEMBER)).get(`/library/podcasts/${otherShowId}`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Your membership does not include Patron hour/);
    assert.ok(res.body.includes('href="/membership"'));
    assert.doesNotMatch(res.body, /\/feeds\//);
  });

  test('a new URL: the old one stops at once, the page says to subscribe again, a sharing alert is settled', async () => {
    const me = await signedIn(MEMBER);
    const old = feedUrlIn((await me.get(page())).body);
    const feed = await findFeedByToken(db(), showId, tokenIn(old));
    assert.ok(feed);
    await db()
      .insertInto('podcast_sharing_alerts')
      .values({
        id: `alert-${feed.id}`,
        feed_id: feed.id,
        show_id: showId,
        networks: 12,
        apps: 3,
        created_at: new Date().toISOString(),
        decided_at: null,
      })
      .execute();
    const res = await me.postForm(`${page()}/rotate`, {}, { formPage: page() });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `${page()}?rotated=1`);
    const after = await me.get(String(res.headers.location));
    assert.match(after.body, /The old one no longer works/);
    const fresh = feedUrlIn(after.body);
    assert.notEqual(fresh, old);
    assert.equal(await findFeedByToken(db(), showId, tokenIn(old)), undefined);
    assert.equal((await findFeedByToken(db(), showId, tokenIn(fresh)))?.generation, 2);
    const alert = await db()
      .selectFrom('podcast_sharing_alerts')
      .select(['status', 'decided_at'])
      .where('id', '=', `alert-${feed.id}`)
      .executeTakeFirstOrThrow();
    assert.equal(alert.status, 'rotated');
    assert.ok(alert.decided_at);
    const refused = await me.postForm(`${page()}/rotate`, {}, { formPage: page(), csrf: null });
    assert.equal(refused.statusCode, 403, 'no rotation without the CSRF token');
  });

  test('a paused feed says the creator paused it and offers no URL; it cannot be rotated by the member', async () => {
    const me = await signedIn(MEMBER);
    const feed = await db()
      .selectFrom('podcast_feeds')
      .selectAll()
      .where('email', '=', MEMBER)
      .executeTakeFirstOrThrow();
    await setFeedStatus(db(), feed.id, 'suspended', new Date().toISOString());
    const res = await me.get(page());
    assert.match(res.body, /The creator has paused your feed/);
    assert.doesNotMatch(res.body, /f-feed-url/);
    assert.match((await me.get('/library')).body, /paused by the creator/);
    const rotate = await me.postForm(`${page()}/rotate`, {}, { formPage: '/library' });
    assert.equal(rotate.headers.location, page());
    const same = await db()
      .selectFrom('podcast_feeds')
      .select('generation')
      .where('id', '=', feed.id)
      .executeTakeFirstOrThrow();
    assert.equal(same.generation, feed.generation);
    await setFeedStatus(db(), feed.id, 'active', new Date().toISOString());
  });

  test('when the membership has ended, the page explains it and links the renewal; the library lists nothing', async () => {
    const member = await db().selectFrom('members').select('id').where('email', '=', MEMBER).executeTakeFirstOrThrow();
    await db()
      .updateTable('subscriptions')
      .set({ access_until: new Date(Date.now() - 60_000).toISOString() })
      .where('member_id', '=', member.id)
      .execute();
    const me = await signedIn(MEMBER);
    const res = await me.get(page());
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Your access has ended/);
    assert.ok(res.body.includes('href="/membership"'));
    assert.doesNotMatch(res.body, /f-feed-url/);
    assert.doesNotMatch((await me.get('/library')).body, /Your podcasts/);
  });
});
