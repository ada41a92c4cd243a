import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { PodcastEpisode } from '../../db/schema.js';
import type { Services } from '../../services.js';
import { insertDraftProduct } from '../catalog/draft-product.js';
import { runTool } from '../course-video/ffmpeg.js';
import { ensureFeed, tokenOf } from './feed-tokens.js';
import { privateFeedPath } from './links.js';

/** Test-only: shows, episodes and feeds written straight into the tables, audio put into storage. */

export type SeedShowOptions = {
  title?: string;
  tierIds?: string[];
  publicFeed?: boolean;
  language?: string;
  threshold?: number;
  artwork?: boolean;
};

export async function seedShow(services: Services, opts: SeedShowOptions = {}): Promise<string> {
  const { db } = services.database;
  const now = new Date().toISOString();
  const artwork =
    opts.artwork === false
      ? null
      : await services.storage.put(Readable.from([Buffer.from('jpeg')]), { prefix: 'podcast-artwork' });
  return db.transaction().execute(async (trx) => {
    const { id } = await insertDraftProduct(trx, {
      kind: 'podcast',
      title: opts.title ?? 'Deep Work Radio',
      fallbackSlug: 'podcast',
    });
    await trx
      .insertInto('podcast_shows')
      .values({
        product_id: id,
        description: 'Conversations about focused work.',
        author: 'Ada Creator',
        language: opts.language ?? 'en',
        category: 'Business',
        subcategory: 'Careers',
        tier_ids: JSON.stringify(opts.tierIds ?? []),
        public_feed: opts.publicFeed === false ? 0 : 1,
        sharing_networks_threshold: opts.threshold ?? 8,
        artwork_key: artwork?.key ?? null,
        artwork_small_key: null,
        feed_changed_at: now,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return id;
  });
}

let audio: Buffer | undefined;

/** Two seconds of a real MP3 (ffmpeg), made once per process. */
export async function sampleMp3(): Promise<Buffer> {
  if (audio) return audio;
  const dir = await mkdtemp(join(tmpdir(), 'vf-podcast-'));
  try {
    const out = join(dir, 'tone.mp3');
    await runTool('ffmpeg', [
      '-hide_banner',
      '-nostdin',
      '-y',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=440:duration=2',
      '-b:a',
      '64k',
      out,
    ]);
    audio = await readFile(out);
    return audio;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export type SeedEpisodeOptions = Partial<
  Pick<
    PodcastEpisode,
    'title' | 'access' | 'status' | 'notes_md' | 'chapters' | 'season' | 'episode_number' | 'published_at'
  >
> & { audio?: Buffer | null; transcript?: string };

export async function seedEpisode(
  services: Services,
  showId: string,
  opts: SeedEpisodeOptions = {},
): Promise<PodcastEpisode> {
  const { db } = services.database;
  const now = new Date().toISOString();
  const bytes = opts.audio === null ? null : (opts.audio ?? (await sampleMp3()));
  const stored = bytes ? await services.storage.put(Readable.from([bytes]), { prefix: 'podcast-audio' }) : null;
  const transcript = opts.transcript
    ? await services.storage.put(Readable.from([Buffer.from(opts.transcript)]), { prefix: 'podcast-transcripts' })
    : null;
  const id = randomUUID();
  await db
    .insertInto('podcast_episodes')
    .values({
      id,
      show_id: showId,
      guid: randomUUID(),
      title: opts.title ?? 'Episode',
      summary: 'What this episode is about.',
      notes_md: opts.notes_md ?? '',
      season: opts.season ?? null,
      episode_number: opts.episode_number ?? null,
      access: opts.access ?? 'listeners',
      status: opts.status ?? 'published',
      publish_at: null,
      published_at: opts.status && opts.status !== 'published' ? null : (opts.published_at ?? now),
      audio_key: stored?.key ?? null,
      audio_size: stored?.sizeBytes ?? null,
      audio_type: stored ? 'audio/mpeg' : null,
      audio_sha256: stored?.sha256 ?? null,
      duration_seconds: stored ? 2 : null,
      chapters: opts.chapters ?? '[]',
      transcript_key: transcript?.key ?? null,
      transcript_type: transcript ? 'text/vtt' : null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db
    .updateTable('podcast_shows')
    .set({ feed_version: (eb) => eb('feed_version', '+', 1), feed_changed_at: now })
    .where('product_id', '=', showId)
    .execute();
  return db.selectFrom('podcast_episodes').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** The address's private feed of the show (made on first use) and its path. */
export async function feedOf(services: Services, showId: string, email: string) {
  const feed = await ensureFeed(
    services.database.db,
    services.config.sessionSecret,
    showId,
    email,
    new Date().toISOString(),
  );
  const token = tokenOf(services.config.sessionSecret, feed);
  return { feed, token, path: privateFeedPath(showId, token) };
}
