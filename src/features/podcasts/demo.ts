import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import type { Services } from '../../services.js';
import type { Locale } from '../../web/i18n.js';
import { translator } from '../../web/messages.js';
import { addEffortEntry } from '../analytics/record-effort.js';
import { storeCover } from '../catalog/cover-image.js';
import { demoPrice } from '../catalog/demo-products.js';
import { insertDraftProduct } from '../catalog/draft-product.js';
import { utcToLocalInput } from '../posts/local-time.js';
import { claimSetting, getStoreSettings, readSetting, writeSetting } from '../settings/store-settings.js';
import { storeArtwork } from './artwork.js';
import { demoArtworkPng } from './demo-artwork.js';
import { DEMO_SHOW, type DemoEpisodeKey, type DemoShowText } from './demo-texts.js';
import { scheduleEpisode } from './episode-edit.js';
import { touchFeed } from './queries.js';

/** The setting that names the demo show once it is made (a show the creator deleted is not made again). */
const DEMO_SHOW_KEY = 'demo.podcast_show';
const DAY_MS = 86_400_000;

/**
 * The MP3 files beside this module (the sources, a build of one module per
 * file), or under features/podcasts/ of the build's root when a bundled build
 * put this code in a module there; the build copies them (scripts/build.mjs).
 */
const AUDIO_DIRS = [
  new URL('./demo-audio/', import.meta.url),
  new URL('./features/podcasts/demo-audio/', import.meta.url),
];

function demoAudio(name: string): Buffer {
  const dir = AUDIO_DIRS.find((d) => existsSync(new URL(name, d))) ?? AUDIO_DIRS[0]!;
  return readFileSync(new URL(name, dir));
}

type DemoEpisode = {
  key: DemoEpisodeKey;
  /** Days from now: published that long ago (negative), or scheduled ahead (positive). */
  days: number;
  audio: 'trailer.mp3' | 'episode.mp3';
  seconds: number;
  number: number | null;
};

const EPISODES: readonly DemoEpisode[] = [
  { key: 'trailer', days: -42, audio: 'trailer.mp3', seconds: 4, number: null },
  { key: 'e1', days: -35, audio: 'episode.mp3', seconds: 6, number: 1 },
  { key: 'e2', days: -21, audio: 'episode.mp3', seconds: 6, number: 2 },
  { key: 'e3', days: -7, audio: 'episode.mp3', seconds: 6, number: 3 },
  { key: 'next', days: 7, audio: 'episode.mp3', seconds: 6, number: 4 },
];

/**
 * The demo store's podcast: a show for the paid tier (and sold on its own),
 * with a public trailer, three members' episodes published on the demo's
 * clock and one scheduled a week ahead, real MP3 audio, chapters on one
 * episode and artwork. Each start adds only what is missing: the show once
 * (claimed with its id in the same transaction), each episode by its fixed
 * guid, the artwork while the show has none.
 */
export async function addDemoPodcast(services: Services, now: Date): Promise<{ added: number }> {
  const { db } = services.database;
  const { locale } = await getStoreSettings(db);
  const text = DEMO_SHOW[locale];
  const showId = await ensureDemoShow(db, text, now);
  const show = await db
    .selectFrom('podcast_shows')
    .select('artwork_key')
    .where('product_id', '=', showId)
    .executeTakeFirst();
  if (!show) return { added: 0 };
  let added = 0;
  for (const episode of EPISODES) added += await ensureDemoEpisode(services, showId, text, episode, now);
  if (show.artwork_key === null) await addDemoArtwork(services, showId);
  await addDemoCover(services, showId);
  return { added };
}

async function ensureDemoShow(db: Kysely<DB>, text: DemoShowText, now: Date): Promise<string> {
  const existing = await readSetting(db, DEMO_SHOW_KEY);
  if (existing) return existing;
  const tiers = await db
    .selectFrom('membership_tiers')
    .select('id')
    .where('is_free', '=', 0)
    .where('active', '=', 1)
    .execute();
  const made = await db
    .transaction()
    .execute(async (trx) => {
      const stamp = isoNow();
      const { currency, locale, timeZone } = await getStoreSettings(trx);
      // Claimed before the product is made: a second start waits here for the first to commit,
      // then finds the claim taken and rolls back (made second, its product's slug would clash).
      if (!(await claimSetting(trx, DEMO_SHOW_KEY, ''))) throw new AlreadyMade();
      const { id } = await insertDraftProduct(trx, { kind: 'podcast', title: text.title, fallbackSlug: 'podcast' });
      await writeSetting(trx, DEMO_SHOW_KEY, id);
      await trx
        .updateTable('products')
        .set({
          summary: text.summary,
          // The product page shows the show's description with the episodes.
          description_md: '',
          pricing: 'fixed',
          price_minor: demoPrice(29, currency),
          status: 'published',
          published_at: stamp,
        })
        .where('id', '=', id)
        .execute();
      await trx
        .insertInto('podcast_shows')
        .values({
          product_id: id,
          description: text.description,
          author: text.author,
          language: locale,
          category: 'Business',
          subcategory: 'Entrepreneurship',
          tier_ids: JSON.stringify(tiers.map((t) => t.id)),
          public_feed: 1,
          feed_changed_at: stamp,
          created_at: stamp,
          updated_at: stamp,
        })
        .execute();
      await recordDemoHours(trx, id, text.title, { now, locale, timeZone });
      return id;
    })
    .catch((err: unknown) => {
      if (err instanceof AlreadyMade) return undefined;
      throw err;
    });
  return made ?? (await readSetting(db, DEMO_SHOW_KEY)) ?? '';
}

class AlreadyMade extends Error {}

/** 1 when this run added the episode; its audio is stored first and deleted again if the episode was there. */
async function ensureDemoEpisode(
  services: Services,
  showId: string,
  text: DemoShowText,
  spec: DemoEpisode,
  now: Date,
): Promise<number> {
  const { db } = services.database;
  const guid = `vielfach-demo:${showId}:${spec.key}`;
  const found = await db
    .selectFrom('podcast_episodes')
    .select(['id', 'status'])
    .where('guid', '=', guid)
    .executeTakeFirst();
  if (found) {
    await scheduleIfDraft(db, showId, found, spec, now);
    return 0;
  }
  const audio = demoAudio(spec.audio);
  const stored = await services.storage.put(Readable.from([audio]), { prefix: 'podcast-audio' });
  const words = text.episodes[spec.key];
  const published = spec.days < 0;
  const episodeId = randomUUID();
  const inserted = await db.transaction().execute(async (trx) => {
    const stamp = isoNow();
    const r = await trx
      .insertInto('podcast_episodes')
      .values({
        id: episodeId,
        show_id: showId,
        guid,
        title: words.title,
        summary: words.summary,
        notes_md: words.notes,
        season: spec.number === null ? null : 1,
        episode_number: spec.number,
        episode_type: spec.key === 'trailer' ? 'trailer' : 'full',
        access: spec.key === 'trailer' ? 'public' : 'listeners',
        status: published ? 'published' : 'draft',
        publish_at: null,
        published_at: published ? new Date(now.getTime() + spec.days * DAY_MS).toISOString() : null,
        audio_key: stored.key,
        audio_size: stored.sizeBytes,
        audio_type: 'audio/mpeg',
        audio_sha256: stored.sha256,
        duration_seconds: spec.seconds,
        chapters: spec.key === 'e3' ? JSON.stringify(chaptersOf(text)) : '[]',
        transcript_key: null,
        transcript_type: null,
        created_at: stamp,
        updated_at: stamp,
      })
      .onConflict((oc) => oc.column('guid').doNothing())
      .executeTakeFirst();
    if (Number(r.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
    await touchFeed(trx, showId, stamp);
    if (published) await addDemoDownloads(trx, showId, episodeId, -spec.days, now);
    return true;
  });
  if (!inserted) {
    await services.storage.delete(stored.key);
    return 0;
  }
  const row = await db
    .selectFrom('podcast_episodes')
    .select(['id', 'status'])
    .where('guid', '=', guid)
    .executeTakeFirstOrThrow();
  await scheduleIfDraft(db, showId, row, spec, now);
  return 1;
}

/** The episode ahead is made as a draft and then scheduled, so its publication job is queued as the editor queues it. */
async function scheduleIfDraft(
  db: Kysely<DB>,
  showId: string,
  episode: { id: string; status: string },
  spec: DemoEpisode,
  now: Date,
): Promise<void> {
  if (spec.days <= 0 || episode.status !== 'draft') return;
  await scheduleEpisode(db, showId, episode.id, new Date(now.getTime() + spec.days * DAY_MS), 'demo');
}

function chaptersOf(text: DemoShowText) {
  return text.chapters.map((title, i) => ({ start: i * 2, title }));
}

async function addDemoArtwork(services: Services, showId: string): Promise<void> {
  const result = await storeArtwork(services.storage, await demoArtworkPng());
  if (!result.ok) throw new Error(`demo artwork refused: ${result.error}`);
  const { db } = services.database;
  const set = await db.transaction().execute(async (trx) => {
    const stamp = isoNow();
    const r = await trx
      .updateTable('podcast_shows')
      .set({ artwork_key: result.artworkKey, artwork_small_key: result.smallKey, updated_at: stamp })
      .where('product_id', '=', showId)
      .where('artwork_key', 'is', null)
      .executeTakeFirst();
    if (r.numUpdatedRows !== 1n) return false;
    await touchFeed(trx, showId, stamp);
    return true;
  });
  if (!set) {
    await services.storage.delete(result.artworkKey);
    await services.storage.delete(result.smallKey);
  }
}

/** The same picture as the product's cover in the store, while it has none. */
async function addDemoCover(services: Services, showId: string): Promise<void> {
  const { db } = services.database;
  const product = await db.selectFrom('products').select('cover_key').where('id', '=', showId).executeTakeFirst();
  if (!product || product.cover_key !== null) return;
  const key = await storeCover(services.storage, await demoArtworkPng());
  const r = await db
    .updateTable('products')
    .set({ cover_key: key })
    .where('id', '=', showId)
    .where('cover_key', 'is', null)
    .executeTakeFirst();
  if (r.numUpdatedRows !== 1n) await services.storage.delete(key);
}

/** The show's hours in the leverage figures: setting it up, then a little recording the day before each episode. */
async function recordDemoHours(
  db: Kysely<DB>,
  productId: string,
  title: string,
  clock: { now: Date; locale: Locale; timeZone: string },
): Promise<void> {
  const note = translator(clock.locale)('podcasts.effort.note', { show: title });
  // The most before the first episodes (setting up, a pilot); then short weekly sessions, as the store's story has it.
  const sessions = [
    { days: -200, minutes: 360 },
    ...EPISODES.filter((e) => e.days < 0).map((e) => ({ days: e.days - 1, minutes: 30 })),
  ];
  for (const session of sessions) {
    const at = new Date(clock.now.getTime() + session.days * DAY_MS).toISOString();
    const day = utcToLocalInput(at, clock.timeZone).slice(0, 10);
    await addEffortEntry(db, { productId, day, minutes: session.minutes, category: 'creation', note });
  }
}

/**
 * Downloads of a demo episode published `daysAgo` days ago, one row per
 * listener and day as real ones are counted: most in the first days, a few
 * a day after, so the admin's counts and the analytics line show something.
 */
async function addDemoDownloads(trx: Transaction<DB>, showId: string, episodeId: string, daysAgo: number, now: Date) {
  const rows = [];
  for (let d = 0; d <= daysAgo; d++) {
    const day = new Date(now.getTime() - (daysAgo - d) * DAY_MS).toISOString().slice(0, 10);
    const listeners = Math.max(2, Math.round(40 / (d + 1)));
    for (let i = 0; i < listeners; i++) {
      rows.push({
        episode_id: episodeId,
        listener: `demo:${d}:${i}`,
        day,
        show_id: showId,
        feed_id: null,
        created_at: `${day}T12:00:00.000Z`,
      });
    }
  }
  for (let i = 0; i < rows.length; i += 200) {
    await trx
      .insertInto('podcast_downloads')
      .values(rows.slice(i, i + 200))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}
