import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { recordAudit } from '../admin/audit.js';
import { insertDraftProduct } from '../catalog/draft-product.js';
import type { Storage } from '../storage/storage.js';
import { storeArtwork } from './artwork.js';
import { touchFeed } from './queries.js';
import type { ShowSettings } from './show-input.js';

/** The creator's changes to a show, each in one transaction; files are deleted only after the commit. */

/** A new show: a draft product of kind 'podcast' (sold only once priced and published) and its show row. */
export async function createShow(db: Kysely<DB>, title: string, actor: string): Promise<string> {
  const now = isoNow();
  return db.transaction().execute(async (trx) => {
    const { id, slug } = await insertDraftProduct(trx, { kind: 'podcast', title, fallbackSlug: 'podcast' });
    await trx
      .insertInto('podcast_shows')
      .values({ product_id: id, feed_changed_at: now, created_at: now, updated_at: now, subcategory: null })
      .execute();
    await recordAudit(trx, actor, 'podcast.show-created', { id, slug });
    return id;
  });
}

export async function saveShow(db: Kysely<DB>, showId: string, input: ShowSettings, actor: string): Promise<void> {
  const now = isoNow();
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('products').set({ title: input.title, updated_at: now }).where('id', '=', showId).execute();
    await trx
      .updateTable('podcast_shows')
      .set({
        description: input.description,
        author: input.author,
        language: input.language,
        category: input.category,
        subcategory: input.subcategory,
        explicit: input.explicit ? 1 : 0,
        public_feed: input.publicFeed ? 1 : 0,
        sharing_networks_threshold: input.threshold,
        tier_ids: JSON.stringify(input.tierIds),
        updated_at: now,
      })
      .where('product_id', '=', showId)
      .execute();
    await touchFeed(trx, showId, now);
    await recordAudit(trx, actor, 'podcast.show-saved', { id: showId });
  });
}

export type ReplaceArtworkResult = { ok: true } | { ok: false; error: 'not-image' | 'too-small' | 'not-square' };

/** Checks and stores the new artwork, points the show at it, then deletes the files it replaced. */
export async function replaceArtwork(
  db: Kysely<DB>,
  storage: Storage,
  showId: string,
  image: Buffer,
  actor: string,
): Promise<ReplaceArtworkResult> {
  const stored = await storeArtwork(storage, image);
  if (!stored.ok) return stored;
  const now = isoNow();
  const previous = await db.transaction().execute(async (trx) => {
    const show = await trx
      .selectFrom('podcast_shows')
      .select(['artwork_key', 'artwork_small_key'])
      .where('product_id', '=', showId)
      .executeTakeFirst();
    if (!show) return undefined;
    await trx
      .updateTable('podcast_shows')
      .set({ artwork_key: stored.artworkKey, artwork_small_key: stored.smallKey, updated_at: now })
      .where('product_id', '=', showId)
      .execute();
    await touchFeed(trx, showId, now);
    await recordAudit(trx, actor, 'podcast.artwork-changed', { id: showId });
    return [show.artwork_key, show.artwork_small_key];
  });
  const orphans = previous ?? [stored.artworkKey, stored.smallKey];
  for (const key of orphans) if (key) await storage.delete(key);
  return { ok: true };
}
