import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { touchFeed } from './queries.js';

/**
 * A scheduled episode whose time has come is published, with the time it was
 * scheduled for. One guarded UPDATE: an episode moved to a later time, back
 * to draft, or already published is left alone, so a stale or repeated job
 * does nothing. Returns whether it published.
 */
export async function publishDueEpisode(db: Kysely<DB>, episodeId: string, now: Date): Promise<boolean> {
  const at = isoNow(now);
  return db.transaction().execute(async (trx) => {
    const published = await trx
      .updateTable('podcast_episodes')
      .set((eb) => ({ status: 'published', published_at: eb.ref('publish_at'), updated_at: at }))
      .where('id', '=', episodeId)
      .where('status', '=', 'scheduled')
      .where('publish_at', '<=', at)
      .returning('show_id')
      .executeTakeFirst();
    if (!published) return false;
    await touchFeed(trx, published.show_id, at);
    return true;
  });
}
