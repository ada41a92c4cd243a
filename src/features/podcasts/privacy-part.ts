import { sql } from 'kysely';
import type { PrivacyPart } from '../privacy/privacy-part.js';

/**
 * Feeds and purchases under the subject's address. Exported: each private
 * feed (show, made, last new URL, status), each purchase and the days an
 * episode was downloaded through the address's feeds. On erasure the feeds
 * go (the database takes their sightings and sharing alerts with them; the
 * download counts stay, keyed by a feed id that no longer leads anywhere),
 * and purchases lose the address, as the orders behind them stay; the
 * access ends with the erasure.
 */
export const podcastsPrivacyPart: PrivacyPart = {
  export: async (db, { address }) => ({
    podcastFeeds: await db
      .selectFrom('podcast_feeds as f')
      .innerJoin('products as p', 'p.id', 'f.show_id')
      .select(['p.title as show', 'f.created_at', 'f.rotated_at', 'f.status'])
      .where('f.email', '=', address)
      .orderBy('f.created_at')
      .execute(),
    podcastPurchases: await db
      .selectFrom('podcast_purchases as pp')
      .innerJoin('products as p', 'p.id', 'pp.show_id')
      .innerJoin('orders as o', 'o.id', 'pp.order_id')
      .select(['p.title as show', 'o.number as order', 'pp.created_at', 'pp.revoked_at'])
      .where('pp.email', '=', address)
      .orderBy('pp.created_at')
      .execute(),
    podcastDownloads: await db
      .selectFrom('podcast_downloads as d')
      .innerJoin('podcast_feeds as f', 'f.id', 'd.feed_id')
      .innerJoin('podcast_episodes as e', 'e.id', 'd.episode_id')
      .innerJoin('products as p', 'p.id', 'd.show_id')
      .select(['p.title as show', 'e.title as episode', 'd.day'])
      .where('f.email', '=', address)
      .orderBy('d.day')
      .orderBy('e.title')
      .execute(),
  }),
  erase: async (trx, address) => {
    const feeds = await trx.deleteFrom('podcast_feeds').where('email', '=', address).executeTakeFirst();
    const purchases = await trx
      .updateTable('podcast_purchases')
      .set({ email: sql<string>`'erased:' || id` })
      .where('email', '=', address)
      .executeTakeFirst();
    return { podcastFeeds: Number(feeds.numDeletedRows), podcastPurchases: Number(purchases.numUpdatedRows) };
  },
};
