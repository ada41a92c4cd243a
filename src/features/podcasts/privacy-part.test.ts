import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { latestOrder } from '../checkout/testing.js';
import { CUSTOMER_COOKIE, startCustomerSession } from '../library/sessions.js';
import { showAccess } from './access.js';
import { seedEpisode, seedShow } from './library-seed.testing.js';
import { podcastsPrivacyPart } from './privacy-part.js';

/** A buyer's feeds, purchases and download days in their export; erased, the feed goes and the purchase loses the address. */
describe('podcasts: privacy', () => {
  let t: TestApp;
  let showId: string;
  let episodeId: string;
  const db = () => t.services.database.db;

  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    ({ showId } = await seedShow(t.services, { title: 'Soil stories' }));
    episodeId = await seedEpisode(t.services, showId, { title: 'Compost, slowly' });
  });
  after(() => t.close());

  async function buyAndSubscribe(email: string) {
    const c = new TestClient(t.app);
    const res = await c.postForm(
      '/checkout',
      { productId: showId, digitalConsent: '1', email },
      { formPage: `/checkout?product=${showId}` },
    );
    const payUrl = String(res.headers.location);
    await c.postForm(payUrl, { outcome: 'pay' }, { formPage: payUrl });
    await t.drainJobs();
    const order = await latestOrder(t.services);
    const me = new TestClient(t.app);
    me.setCookie(CUSTOMER_COOKIE, await startCustomerSession(db(), email));
    assert.equal((await me.get(`/library/podcasts/${showId}`)).statusCode, 200);
    const feed = await db()
      .selectFrom('podcast_feeds')
      .selectAll()
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    await db()
      .insertInto('podcast_downloads')
      .values({
        episode_id: episodeId,
        listener: feed.id,
        day: '2026-12-01',
        show_id: showId,
        feed_id: feed.id,
        created_at: new Date().toISOString(),
      })
      .execute();
    await db()
      .insertInto('podcast_feed_sightings')
      .values({ feed_id: feed.id, day: '2026-12-01', network: '192.0.2.0/24', app: 'overcast' })
      .execute();
    await db()
      .insertInto('podcast_sharing_alerts')
      .values({
        id: `alert-${feed.id}`,
        feed_id: feed.id,
        show_id: showId,
        networks: 9,
        apps: 2,
        created_at: new Date().toISOString(),
        decided_at: null,
      })
      .execute();
    return { me, order, feed };
  }

  test('the export lists the feed, the purchase and the download days, and nothing of anyone else', async () => {
    const { me, order } = await buyAndSubscribe('ada@example.com');
    await buyAndSubscribe('bob@example.com');
    const res = await me.get('/library/data/export');
    assert.equal(res.statusCode, 200);
    const data = JSON.parse(res.body);
    assert.equal(data.podcastFeeds.length, 1);
    assert.equal(data.podcastFeeds[0].show, 'Soil stories');
    assert.equal(data.podcastFeeds[0].status, 'active');
    assert.equal(data.podcastFeeds[0].rotated_at, null);
    assert.deepEqual(
      data.podcastPurchases.map((p: { show: string; order: string }) => [p.show, p.order]),
      [['Soil stories', order.number]],
    );
    assert.deepEqual(data.podcastDownloads, [{ show: 'Soil stories', episode: 'Compost, slowly', day: '2026-12-01' }]);
    assert.doesNotMatch(res.body, /bob@example\.com/);
  });

  test('erasure deletes the feeds with their sightings and alerts, and takes the address off the purchase', async () => {
    const before = await db()
      .selectFrom('podcast_feeds')
      .selectAll()
      .where('email', '=', 'ada@example.com')
      .executeTakeFirstOrThrow();
    const counts = await db()
      .transaction()
      .execute(
        async (trx) => (await podcastsPrivacyPart.erase?.(trx, 'ada@example.com', new Date().toISOString())) ?? {},
      );
    assert.deepEqual(counts, { podcastFeeds: 1, podcastPurchases: 1 });
    assert.equal((await db().selectFrom('podcast_feeds').select('id').where('id', '=', before.id).execute()).length, 0);
    assert.equal(
      (await db().selectFrom('podcast_feed_sightings').select('feed_id').where('feed_id', '=', before.id).execute())
        .length,
      0,
    );
    assert.equal(
      (await db().selectFrom('podcast_sharing_alerts').select('id').where('feed_id', '=', before.id).execute()).length,
      0,
    );
    const purchase = await db()
      .selectFrom('podcast_purchases')
      .selectAll()
      .where('email', 'like', 'erased:%')
      .executeTakeFirstOrThrow();
    assert.equal(purchase.email, `erased:${purchase.id}`);
    assert.equal(
      (await showAccess(db(), { product_id: showId, tier_ids: '[]' }, 'ada@example.com', new Date())).listener,
      false,
    );
    const bob = await db().selectFrom('podcast_feeds').select('id').where('email', '=', 'bob@example.com').execute();
    assert.equal(bob.length, 1, 'another listener keeps their feed');
    const downloads = await db()
      .selectFrom('podcast_downloads')
      .select('day')
      .where('feed_id', '=', before.id)
      .execute();
    assert.equal(downloads.length, 1, 'the count stays, no longer tied to an address');
  });
});
