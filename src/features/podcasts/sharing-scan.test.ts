import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp } from '../../testing/app.js';
import { feedOf, seedShow } from './feed-testing.js';
import { scanForSharing, scheduleSharingScan } from './sharing-scan.js';

const DAY = 86_400_000;
const day = (msAgo: number) => new Date(Date.now() - msAgo).toISOString().slice(0, 10);

describe('podcast sharing scan', () => {
  let t: TestApp;
  let showId: string;
  const db = () => t.services.database.db;

  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    showId = await seedShow(t.services, { threshold: 3 });
  });
  after(() => t.close());

  /** `networks` distinct /24s over the last days (and one app per network alternating). */
  const sight = async (feedId: string, networks: number, daysAgo = 0) => {
    for (let i = 0; i < networks; i++) {
      await db()
        .insertInto('podcast_feed_sightings')
        .values({
          feed_id: feedId,
          day: day(daysAgo * DAY),
          network: `198.51.${i}.0/24`,
          app: i % 2 ? 'overcast' : 'spotify',
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
  };
  const alertsOf = (feedId: string) =>
    db().selectFrom('podcast_sharing_alerts').selectAll().where('feed_id', '=', feedId).execute();

  test('above the threshold: one open alert, however often the scan runs; at the threshold none', async () => {
    const shared = (await feedOf(t.services, showId, 'shared@example.com')).feed;
    const fine = (await feedOf(t.services, showId, 'fine@example.com')).feed;
    await sight(shared.id, 2, 0);
    await sight(shared.id, 4, 5); // 4 distinct networks within 7 days (two seen twice)
    await sight(fine.id, 3, 1);
    assert.deepEqual(await scanForSharing(db()), { raised: 1 });
    assert.deepEqual(await scanForSharing(db()), { raised: 0 });
    const [alert] = await alertsOf(shared.id);
    assert.equal(alert?.status, 'open');
    assert.equal(alert?.networks, 4);
    assert.equal(alert?.apps, 2);
    assert.equal((await alertsOf(fine.id)).length, 0);
  });

  test('sightings older than 7 days do not count; older than 30 days are deleted', async () => {
    const old = (await feedOf(t.services, showId, 'old@example.com')).feed;
    await sight(old.id, 6, 8);
    await sight(old.id, 6, 31);
    await scanForSharing(db());
    assert.equal((await alertsOf(old.id)).length, 0);
    const left = await db().selectFrom('podcast_feed_sightings').select('day').where('feed_id', '=', old.id).execute();
    assert.deepEqual([...new Set(left.map((r) => r.day))], [day(8 * DAY)]);
  });

  test('an ignored alert is not raised again within 7 days; a rotated feed counts afresh from the next day', async () => {
    const ignored = (await feedOf(t.services, showId, 'ignored@example.com')).feed;
    const rotated = (await feedOf(t.services, showId, 'rotated@example.com')).feed;
    await sight(ignored.id, 5);
    await sight(rotated.id, 5);
    assert.deepEqual(await scanForSharing(db()), { raised: 2 });
    const now = new Date().toISOString();
    for (const [feed, status] of [
      [ignored, 'ignored'],
      [rotated, 'rotated'],
    ] as const) {
      await db()
        .updateTable('podcast_sharing_alerts')
        .set({ status, decided_at: now })
        .where('feed_id', '=', feed.id)
        .execute();
    }
    assert.deepEqual(await scanForSharing(db()), { raised: 0 });
    // Eight days later the ignored feed may be raised again; the rotated one only by new sightings.
    const later = new Date(Date.now() + 8 * DAY);
    await sight(ignored.id, 5, -8);
    assert.deepEqual(await scanForSharing(db(), later), { raised: 1 });
    assert.equal((await alertsOf(rotated.id)).filter((a) => a.status === 'open').length, 0);
  });

  test('the hourly job scans and schedules the next hour', async () => {
    const feed = (await feedOf(t.services, showId, 'job@example.com')).feed;
    await sight(feed.id, 5);
    await scheduleSharingScan(db());
    await t.drainJobs();
    assert.equal((await alertsOf(feed.id)).length, 1);
    const next = new Date(Date.now() + 3_600_000).toISOString().slice(0, 13);
    const pending = await db()
      .selectFrom('jobs')
      .select(['unique_key', 'status'])
      .where('unique_key', '=', `podcast-sharing-scan:${next}`)
      .executeTakeFirst();
    assert.equal(pending?.status, 'pending');
  });

  test('the scan schedules itself once per hour', async () => {
    const at = new Date('2030-01-01T10:15:00Z');
    await scheduleSharingScan(db(), at);
    await scheduleSharingScan(db(), new Date('2030-01-01T10:45:00Z'));
    const jobs = await db()
      .selectFrom('jobs')
      .select('unique_key')
      .where('kind', '=', 'podcasts.sharing-scan')
      .where('unique_key', 'like', '%2030-01-01T10')
      .execute();
    assert.equal(jobs.length, 1);
  });
});
