import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { probeJobKey } from './audio-upload.js';

/** What the creator's pages read: shows with their numbers, episodes with downloads, tiers to choose from. */

/** The UTC day (`YYYY-MM-DD`, as downloads are counted) `days` before `now`. */
export function dayBefore(now: Date, days: number): string {
  return new Date(now.getTime() - days * 86_400_000).toISOString().slice(0, 10);
}

export function listShows(db: Kysely<DB>, now: Date) {
  const since = dayBefore(now, 30);
  return db
    .selectFrom('podcast_shows as s')
    .innerJoin('products as p', 'p.id', 's.product_id')
    .select((eb) => [
      's.product_id as id',
      'p.title',
      'p.status',
      eb
        .selectFrom('podcast_episodes as e')
        .select((x) => x.fn.countAll<number>().as('n'))
        .whereRef('e.show_id', '=', 's.product_id')
        .where('e.status', '=', 'published')
        .as('published'),
      eb
        .selectFrom('podcast_downloads as d')
        .select((x) => x.fn.countAll<number>().as('n'))
        .whereRef('d.show_id', '=', 's.product_id')
        .where('d.day', '>=', since)
        .as('downloads'),
      eb
        .selectFrom('podcast_sharing_alerts as a')
        .select((x) => x.fn.countAll<number>().as('n'))
        .whereRef('a.show_id', '=', 's.product_id')
        .where('a.status', '=', 'open')
        .as('alerts'),
    ])
    .orderBy('p.title')
    .execute();
}

export type ShowListRow = Awaited<ReturnType<typeof listShows>>[number];

/** The show's episodes, the latest first (published, scheduled or made), with their counted downloads. */
export function listEpisodes(db: Kysely<DB>, showId: string) {
  return db
    .selectFrom('podcast_episodes as e')
    .selectAll('e')
    .select((eb) =>
      eb
        .selectFrom('podcast_downloads as d')
        .select((x) => x.fn.countAll<number>().as('n'))
        .whereRef('d.episode_id', '=', 'e.id')
        .as('downloads'),
    )
    .where('e.show_id', '=', showId)
    .orderBy((eb) => eb.fn.coalesce('e.published_at', 'e.publish_at', 'e.created_at'), 'desc')
    .orderBy('e.id')
    .execute();
}

export type EpisodeListRow = Awaited<ReturnType<typeof listEpisodes>>[number];

export function findEpisode(db: Kysely<DB>, showId: string, episodeId: string) {
  return db
    .selectFrom('podcast_episodes')
    .selectAll()
    .where('id', '=', episodeId)
    .where('show_id', '=', showId)
    .executeTakeFirst();
}

/** Did ffprobe give up on this audio file (its job is dead)? */
export async function probeFailed(db: Kysely<DB>, audioKey: string | null): Promise<boolean> {
  if (!audioKey) return false;
  const job = await db
    .selectFrom('jobs')
    .select('id')
    .where('unique_key', '=', probeJobKey(audioKey))
    .where('status', '=', 'dead')
    .executeTakeFirst();
  return job !== undefined;
}

/** The tiers a show may be heard in: the free tier and the paid ones, active first. */
export function tiersToChoose(db: Kysely<DB>) {
  return db
    .selectFrom('membership_tiers')
    .select(['id', 'name', 'is_free', 'active'])
    .orderBy('active', 'desc')
    .orderBy('position')
    .execute();
}
