import { sql } from 'kysely';
import type { Db } from '../../db/schema.js';

/**
 * A show with its product's title, slug and status. The product's status is
 * about selling it in the store (a members-only show may stay a draft there);
 * feeds serve a show whatever it is, so only pages that sell ask for `published`.
 */
export function findShow(db: Db, showId: string, opts: { published?: boolean } = {}) {
  return db
    .selectFrom('podcast_shows as s')
    .innerJoin('products as p', 'p.id', 's.product_id')
    .selectAll('s')
    .select(['p.title', 'p.slug', 'p.status', 'p.summary', 'p.pricing'])
    .where('s.product_id', '=', showId)
    .$if(opts.published === true, (q) => q.where('p.status', '=', 'published'))
    .executeTakeFirst();
}

export type ShowRow = NonNullable<Awaited<ReturnType<typeof findShow>>>;

/** Published episodes, newest first (the order feeds list them in). */
export function publishedEpisodes(db: Db, showId: string) {
  return db
    .selectFrom('podcast_episodes')
    .selectAll()
    .where('show_id', '=', showId)
    .where('status', '=', 'published')
    .orderBy('published_at', 'desc')
    .orderBy('id')
    .execute();
}

/**
 * Every change a feed shows goes through here, in the changing transaction:
 * the feeds' ETag and Last-Modified come from the version and time it sets.
 */
export async function touchFeed(db: Db, showId: string, now: string): Promise<void> {
  await db
    .updateTable('podcast_shows')
    .set({ feed_version: sql<number>`feed_version + 1`, feed_changed_at: now })
    .where('product_id', '=', showId)
    .execute();
}
