import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { buildTestApp, setUpStore, type TestApp } from '../../testing/app.js';
import { addDemoMemberships } from '../memberships/demo.js';
import { storedFilePath, storedKeysUnder } from '../storage/test-storage.js';
import { addDemoPodcast } from './demo.js';

/** Every stored object, as storage keys. */
const storedKeys = (t: TestApp) => storedKeysUnder(t.services.storage, t.database.dataDir);
/** A path ffprobe and sharp can read: the stored file, or a copy of the object. */
const fileOf = (t: TestApp, key: string) => storedFilePath(t.services.storage, t.database.dataDir, key);

describe('the demo store’s podcast', () => {
  let t: TestApp;
  const now = new Date('2026-12-07T10:00:00.000Z');
  const db = () => t.services.database.db;

  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services, { demo: true, locale: 'de' });
    await addDemoMemberships(t.services);
  });
  after(() => t.close());

  const snapshot = async () => ({
    shows: await db().selectFrom('podcast_shows').selectAll().execute(),
    products: await db()
      .selectFrom('products')
      .select(['id', 'slug', 'status'])
      .where('kind', '=', 'podcast')
      .execute(),
    episodes: await db().selectFrom('podcast_episodes').selectAll().orderBy('guid').execute(),
    jobs: await db().selectFrom('jobs').select(['kind', 'unique_key']).where('kind', '=', 'podcasts.publish').execute(),
    hours: await db().selectFrom('effort_entries').select(['day', 'minutes', 'note']).orderBy('day').execute(),
    files: await storedKeys(t),
  });

  test('a show for the paid tier with a public trailer, three members’ episodes and one a week ahead', async () => {
    assert.deepEqual(await addDemoPodcast(t.services, now), { added: 5 });
    const { shows, products, episodes, jobs, hours } = await snapshot();
    assert.deepEqual(
      hours.map((h) => [h.day, h.note]),
      [
        ['2026-05-21', 'Aufnahme: Atelier-Notizen'],
        ['2026-10-25', 'Aufnahme: Atelier-Notizen'],
        ['2026-11-01', 'Aufnahme: Atelier-Notizen'],
        ['2026-11-15', 'Aufnahme: Atelier-Notizen'],
        ['2026-11-29', 'Aufnahme: Atelier-Notizen'],
      ],
      'hours of recording in the leverage figures',
    );
    assert.equal(shows.length, 1);
    const show = shows[0]!;
    const paid = await db().selectFrom('membership_tiers').select('id').where('is_free', '=', 0).execute();
    assert.deepEqual(
      JSON.parse(show.tier_ids),
      paid.map((x) => x.id),
    );
    assert.equal(show.public_feed, 1);
    assert.equal(show.language, 'de');
    assert.equal(products[0]?.status, 'published');
    const title = await db()
      .selectFrom('products')
      .select('title')
      .where('id', '=', show.product_id)
      .executeTakeFirstOrThrow();
    assert.equal(title.title, 'Atelier-Notizen');

    const byType = (status: string) => episodes.filter((e) => e.status === status);
    assert.equal(byType('published').length, 4);
    const trailer = episodes.find((e) => e.episode_type === 'trailer')!;
    assert.equal(trailer.access, 'public');
    assert.equal(trailer.published_at, '2026-10-26T10:00:00.000Z', 'on the demo clock, six weeks back');
    assert.equal(episodes.filter((e) => e.access === 'listeners' && e.status === 'published').length, 3);
    const ahead = byType('scheduled');
    assert.equal(ahead.length, 1);
    assert.equal(ahead[0]!.publish_at, '2026-12-14T10:00:00.000Z');
    assert.deepEqual(
      jobs.map((j) => j.kind),
      ['podcasts.publish'],
      'its publication is queued',
    );
    assert.deepEqual(
      episodes.filter((e) => e.chapters !== '[]').map((e) => JSON.parse(e.chapters).length),
      [3],
    );

    for (const e of episodes) {
      assert.ok(e.audio_key && e.duration_seconds && e.audio_size);
      const probed = execFileSync('ffprobe', [
        '-v',
        'error',
        '-show_entries',
        'format=format_name,duration',
        '-of',
        'json',
        await fileOf(t, e.audio_key),
      ]);
      const format = JSON.parse(String(probed)).format;
      assert.equal(format.format_name, 'mp3');
      assert.equal(Math.round(Number(format.duration)), e.duration_seconds);
    }
    const cover = await db()
      .selectFrom('products')
      .select('cover_key')
      .where('id', '=', show.product_id)
      .executeTakeFirstOrThrow();
    assert.match(cover.cover_key ?? '', /^covers\//, "the artwork is the product's cover too");
    assert.ok(show.artwork_key && show.artwork_small_key);
    const art = await sharp(await fileOf(t, show.artwork_key)).metadata();
    assert.deepEqual([art.format, art.width, art.height], ['jpeg', 1400, 1400]);
    // Counted downloads of the published episodes, none before an episode came out.
    const downloads = await db()
      .selectFrom('podcast_downloads as d')
      .innerJoin('podcast_episodes as e', 'e.id', 'd.episode_id')
      .select(['d.day', 'e.published_at', 'e.status'])
      .execute();
    assert.ok(downloads.length > 100, `${downloads.length} downloads`);
    assert.ok(downloads.every((d) => d.status === 'published' && d.day >= (d.published_at ?? '').slice(0, 10)));
  });

  test('a second run adds nothing: the same rows and stored files', async () => {
    const first = await snapshot();
    assert.deepEqual(await addDemoPodcast(t.services, new Date(now.getTime() + 3600_000)), { added: 0 });
    assert.deepEqual(await snapshot(), first);
  });

  test('an episode the creator deleted is added again, and only that one', async () => {
    const before = await snapshot();
    const gone = before.episodes.find((e) => e.episode_number === 2)!;
    await db().deleteFrom('podcast_episodes').where('id', '=', gone.id).execute();
    assert.deepEqual(await addDemoPodcast(t.services, now), { added: 1 });
    const after = await snapshot();
    assert.equal(after.episodes.length, before.episodes.length);
    assert.equal(after.shows.length, 1);
  });
});

describe('the demo podcast, started twice at once', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services, { demo: true });
    await addDemoMemberships(t.services);
  });
  after(() => t.close());

  test('one show, each episode once, no stray files', async () => {
    const now = new Date('2026-12-07T10:00:00.000Z');
    const runs = await Promise.all([addDemoPodcast(t.services, now), addDemoPodcast(t.services, now)]);
    assert.equal(runs[0].added + runs[1].added, 5);
    const db = t.services.database.db;
    assert.equal((await db.selectFrom('podcast_shows').select('product_id').execute()).length, 1);
    assert.equal((await db.selectFrom('products').select('id').where('kind', '=', 'podcast').execute()).length, 1);
    const episodes = await db.selectFrom('podcast_episodes').select('audio_key').execute();
    assert.equal(episodes.length, 5);
    const audio = (await storedKeys(t)).filter((k) => k.startsWith('podcast-audio/'));
    assert.equal(audio.length, 5, 'the losing run deleted the audio it stored');
  });
});
