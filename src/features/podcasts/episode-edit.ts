import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { enqueueJob } from '../../jobs/queue.js';
import { recordAudit } from '../admin/audit.js';
import type { Storage } from '../storage/storage.js';
import type { EpisodeDetails } from './episode-input.js';
import { podcastPublishJob } from './job-contracts.js';
import { touchFeed } from './queries.js';

/**
 * The creator's changes to an episode. Each runs in one transaction with the
 * show's `touchFeed`; state changes are guarded UPDATEs, so a double click or
 * a stale page changes nothing twice. Files go after the commit.
 */

/** A new draft episode with only its title. */
export async function createEpisode(db: Kysely<DB>, showId: string, title: string, actor: string): Promise<string> {
  const id = randomUUID();
  const now = isoNow();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('podcast_episodes')
      .values({
        id,
        show_id: showId,
        guid: randomUUID(),
        title,
        season: null,
        episode_number: null,
        publish_at: null,
        published_at: null,
        audio_key: null,
        audio_size: null,
        audio_type: null,
        audio_sha256: null,
        duration_seconds: null,
        transcript_key: null,
        transcript_type: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await touchFeed(trx, showId, now);
    await recordAudit(trx, actor, 'podcast.episode-created', { id, productId: showId });
  });
  return id;
}

export async function saveEpisode(
  db: Kysely<DB>,
  showId: string,
  episodeId: string,
  input: EpisodeDetails,
  actor: string,
): Promise<void> {
  const now = isoNow();
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('podcast_episodes')
      .set({
        title: input.title,
        summary: input.summary,
        notes_md: input.notesMd,
        season: input.season,
        episode_number: input.episodeNumber,
        episode_type: input.type,
        access: input.access,
        chapters: JSON.stringify(input.chapters),
        updated_at: now,
      })
      .where('id', '=', episodeId)
      .where('show_id', '=', showId)
      .execute();
    await touchFeed(trx, showId, now);
    await recordAudit(trx, actor, 'podcast.episode-saved', { id: episodeId, productId: showId });
  });
}

export type PublishResult = 'ok' | 'no-audio' | 'unchanged';

/** Publishes a draft or scheduled episode now; never one without audio. */
export async function publishEpisodeNow(
  db: Kysely<DB>,
  showId: string,
  episodeId: string,
  actor: string,
): Promise<PublishResult> {
  const now = isoNow();
  return db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('podcast_episodes')
      .set({ status: 'published', published_at: now, publish_at: null, updated_at: now })
      .where('id', '=', episodeId)
      .where('show_id', '=', showId)
      .where('status', 'in', ['draft', 'scheduled'])
      .where('audio_key', 'is not', null)
      .executeTakeFirst();
    if (r.numUpdatedRows !== 1n) return whyUnchanged(trx, episodeId);
    await touchFeed(trx, showId, now);
    await recordAudit(trx, actor, 'podcast.episode-published', { id: episodeId, productId: showId });
    return 'ok';
  });
}

/**
 * Schedules a draft or scheduled episode for `at`: the job runs then and
 * publishes only if the episode is still scheduled for a time that has come,
 * so the job of a moved schedule does nothing.
 */
export async function scheduleEpisode(
  db: Kysely<DB>,
  showId: string,
  episodeId: string,
  at: Date,
  actor: string,
): Promise<PublishResult> {
  const now = isoNow();
  const publishAt = at.toISOString();
  return db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('podcast_episodes')
      .set({ status: 'scheduled', publish_at: publishAt, published_at: null, updated_at: now })
      .where('id', '=', episodeId)
      .where('show_id', '=', showId)
      .where('status', 'in', ['draft', 'scheduled'])
      .where('audio_key', 'is not', null)
      .executeTakeFirst();
    if (r.numUpdatedRows !== 1n) return whyUnchanged(trx, episodeId);
    await enqueueJob(
      trx,
      podcastPublishJob,
      { episodeId },
      { runAt: at, uniqueKey: `podcasts.publish:${episodeId}:${publishAt}` },
    );
    await touchFeed(trx, showId, now);
    await recordAudit(trx, actor, 'podcast.episode-scheduled', { id: episodeId, productId: showId, publishAt });
    return 'ok';
  });
}

async function whyUnchanged(db: Kysely<DB>, episodeId: string): Promise<PublishResult> {
  const e = await db.selectFrom('podcast_episodes').select('audio_key').where('id', '=', episodeId).executeTakeFirst();
  return e && e.audio_key === null ? 'no-audio' : 'unchanged';
}

/** Back to draft: out of every feed at once (a scheduled episode's job then finds nothing to do). */
export async function unpublishEpisode(
  db: Kysely<DB>,
  showId: string,
  episodeId: string,
  actor: string,
): Promise<boolean> {
  const now = isoNow();
  return db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('podcast_episodes')
      .set({ status: 'draft', publish_at: null, published_at: null, updated_at: now })
      .where('id', '=', episodeId)
      .where('show_id', '=', showId)
      .where('status', 'in', ['scheduled', 'published'])
      .executeTakeFirst();
    if (r.numUpdatedRows !== 1n) return false;
    await touchFeed(trx, showId, now);
    await recordAudit(trx, actor, 'podcast.episode-unpublished', { id: episodeId, productId: showId });
    return true;
  });
}

/** Deletes a draft (never a published or scheduled episode) and then its files. */
export async function deleteDraftEpisode(
  db: Kysely<DB>,
  storage: Storage,
  showId: string,
  episodeId: string,
  actor: string,
): Promise<boolean> {
  const now = isoNow();
  const files = await db.transaction().execute(async (trx) => {
    const e = await trx
      .deleteFrom('podcast_episodes')
      .where('id', '=', episodeId)
      .where('show_id', '=', showId)
      .where('status', '=', 'draft')
      .returning(['audio_key', 'transcript_key', 'title'])
      .executeTakeFirst();
    if (!e) return undefined;
    await touchFeed(trx, showId, now);
    await recordAudit(trx, actor, 'podcast.episode-deleted', { id: episodeId, productId: showId, title: e.title });
    return [e.audio_key, e.transcript_key];
  });
  if (!files) return false;
  for (const key of files) if (key) await storage.delete(key);
  return true;
}
