import { createHash } from 'node:crypto';
import type { Db } from '../../db/schema.js';
import type { ListenerOrigin } from './listener-origin.js';

/**
 * One counted download per episode, listener and UTC day: the primary key
 * of `podcast_downloads` decides (ON CONFLICT DO NOTHING), so apps that
 * fetch the start of a file again and again count once. A private feed is
 * one listener; public downloads are one per network and app family. A
 * private download also records where the feed was heard from, for the
 * sharing scan.
 */

export type DownloadToCount = {
  episodeId: string;
  showId: string;
  /** Null for the public feed's audio. */
  feedId: string | null;
  origin: ListenerOrigin;
  now: Date;
};

/** Public downloads are counted per network and app, stored as a hash: the table holds no address. */
export function publicListener(origin: ListenerOrigin): string {
  return `public:${createHash('sha256').update(`${origin.network}\n${origin.app}`).digest('hex').slice(0, 32)}`;
}

export async function countEpisodeDownload(db: Db, d: DownloadToCount): Promise<void> {
  const day = d.now.toISOString().slice(0, 10);
  const download = db
    .insertInto('podcast_downloads')
    .values({
      episode_id: d.episodeId,
      listener: d.feedId ?? publicListener(d.origin),
      day,
      show_id: d.showId,
      feed_id: d.feedId,
      created_at: d.now.toISOString(),
    })
    .onConflict((oc) => oc.columns(['episode_id', 'listener', 'day']).doNothing())
    .execute();
  const sighting = d.feedId
    ? db
        .insertInto('podcast_feed_sightings')
        .values({ feed_id: d.feedId, day, network: d.origin.network, app: d.origin.app })
        .onConflict((oc) => oc.columns(['feed_id', 'day', 'network', 'app']).doNothing())
        .execute()
    : undefined;
  await Promise.all([download, sighting]);
}
