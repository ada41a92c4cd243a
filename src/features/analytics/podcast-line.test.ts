import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { buildTestApp, setUpStore, type TestApp } from '../../testing/app.js';
import { translator } from '../../web/messages.js';
import { seedTier } from '../memberships/testing.js';
import { loadAnalytics } from './dashboard-data.js';
import { buildReport } from './report.js';
import { seedOrder, seedProduct } from './testing.js';

async function findOrder(db: Kysely<DB> | Transaction<DB>, id: string) {
  return db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

describe('podcasts as a 1:n line in the leverage figures', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
  });
  after(() => t.close());
  const db = () => t.services.database.db;

  /** A show on a product of its own, including the given tiers. */
  async function seedShow(title: string, tierIds: string[]) {
    const id = await seedProduct(db(), { title, priceMinor: 1500 });
    await db().updateTable('products').set({ kind: 'podcast' }).where('id', '=', id).execute();
    const now = isoNow();
    await db()
      .insertInto('podcast_shows')
      .values({
        product_id: id,
        tier_ids: JSON.stringify(tierIds),
        feed_changed_at: now,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return id;
  }

  async function pay(productId: string, totalMinor: number) {
    const id = await seedOrder(db(), productId, { totalMinor });
    await db()
      .transaction()
      .execute(async (trx) => assert.ok(await t.services.orders.markPaid(trx, await findOrder(trx, id), {})));
  }

  async function episode(showId: string, n: number) {
    const id = `${showId.slice(0, 8)}-e${n}`;
    const now = isoNow();
    await db()
      .insertInto('podcast_episodes')
      .values({
        id,
        show_id: showId,
        guid: id,
        title: `Episode ${n}`,
        publish_at: null,
        published_at: now,
        audio_key: null,
        audio_size: null,
        audio_type: null,
        audio_sha256: null,
        duration_seconds: null,
        season: null,
        episode_number: n,
        transcript_key: null,
        transcript_type: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return id;
  }

  test('own sales plus each including tier once, per hour recorded on the shows; downloads in the period', async () => {
    const supporter = await seedTier(t.services, { name: 'Supporter', slug: 'supporter' });
    const patron = await seedTier(t.services, { name: 'Patron', slug: 'patron' });
    const studio = await seedShow('Studio notes', [supporter.id]);
    const letters = await seedShow('Letters', [supporter.id, patron.id]);
    assert.ok(supporter.product_id && patron.product_id);
    await pay(studio, 1500); // the show sold as a one-off series
    await pay(supporter.product_id, 500);
    await pay(supporter.product_id, 500);
    await pay(patron.product_id, 2000);
    await db()
      .insertInto('effort_entries')
      .values([
        {
          id: 'e1',
          product_id: studio,
          day: '2026-01-05',
          minutes: 90,
          category: 'creation',
          note: '',
          created_at: isoNow(),
        },
        {
          id: 'e2',
          product_id: letters,
          day: '2026-01-06',
          minutes: 30,
          category: 'creation',
          note: '',
          created_at: isoNow(),
        },
      ])
      .execute();
    const today = new Date().toISOString().slice(0, 10);
    const ep = await episode(studio, 1);
    await db()
      .insertInto('podcast_downloads')
      .values([
        { episode_id: ep, listener: 'a', day: today, show_id: studio, feed_id: null, created_at: isoNow() },
        { episode_id: ep, listener: 'b', day: today, show_id: studio, feed_id: null, created_at: isoNow() },
        { episode_id: ep, listener: 'c', day: '2020-01-01', show_id: studio, feed_id: null, created_at: isoNow() },
      ])
      .execute();

    const data = await loadAnalytics(db(), { currency: 'EUR', range: '30' });
    const r = buildReport(data, data.period, translator('en'), 'en');
    const net = (id: string) => r.products.find((p) => p.id === id)?.netMinor ?? 0;
    // The supporter tier includes both shows and still counts once.
    assert.equal(r.podcasts.ownMinor, net(studio) + net(letters));
    assert.equal(r.podcasts.tiersMinor, net(supporter.product_id) + net(patron.product_id));
    assert.ok(r.podcasts.ownMinor > 0 && r.podcasts.tiersMinor > r.podcasts.ownMinor);
    assert.equal(r.podcasts.minutes, 120);
    assert.equal(r.podcasts.rateMinor, Math.round(((r.podcasts.ownMinor + r.podcasts.tiersMinor) * 60) / 120));
    assert.equal(r.podcasts.downloads, 2, 'the download of 2020 lies outside the 30 days');
    assert.equal(r.podcasts.count, 2);
    // The tiers keep their whole income in the memberships line too.
    assert.equal(r.memberships.netMinor, r.podcasts.tiersMinor);
  });
});
