import { randomUUID } from 'node:crypto';
import type { EpisodeAccess, EpisodeStatus, EpisodeType } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import type { Services } from '../../services.js';
import { insertDraftProduct } from '../catalog/draft-product.js';

/**
 * Test-only: a show as the creator's pages would leave it (a product of kind
 * 'podcast', published and priced unless told otherwise) and its episodes.
 */
export async function seedShow(
  services: Services,
  opts: {
    title?: string;
    tierIds?: string[];
    priceMinor?: number | null;
    publicFeed?: boolean;
    status?: 'draft' | 'published';
  } = {},
) {
  const { db } = services.database;
  const now = isoNow();
  return db.transaction().execute(async (trx) => {
    const product = await insertDraftProduct(trx, {
      kind: 'podcast',
      title: opts.title ?? 'Garden talk',
      fallbackSlug: 'show',
    });
    const priced = opts.priceMinor !== null;
    await trx
      .updateTable('products')
      .set({
        status: opts.status ?? 'published',
        published_at: now,
        pricing: priced ? 'fixed' : 'free',
        price_minor: priced ? (opts.priceMinor ?? 1900) : 0,
        currency: 'EUR',
      })
      .where('id', '=', product.id)
      .execute();
    await trx
      .insertInto('podcast_shows')
      .values({
        product_id: product.id,
        description: 'Conversations about gardens.',
        author: 'Gartenwerk',
        language: 'en',
        tier_ids: JSON.stringify(opts.tierIds ?? []),
        public_feed: opts.publicFeed === false ? 0 : 1,
        feed_changed_at: now,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return { showId: product.id, slug: product.slug };
  });
}

export async function seedEpisode(
  services: Services,
  showId: string,
  opts: {
    title?: string;
    access?: EpisodeAccess;
    status?: EpisodeStatus;
    type?: EpisodeType;
    publishedAt?: string;
    durationSeconds?: number;
  } = {},
) {
  const now = isoNow();
  const id = randomUUID();
  const status = opts.status ?? 'published';
  await services.database.db
    .insertInto('podcast_episodes')
    .values({
      id,
      show_id: showId,
      guid: randomUUID(),
      title: opts.title ?? 'First episode',
      episode_type: opts.type ?? 'full',
      access: opts.access ?? 'listeners',
      status,
      season: null,
      episode_number: null,
      publish_at: status === 'scheduled' ? new Date(Date.now() + 86_400_000).toISOString() : null,
      published_at: status === 'published' ? (opts.publishedAt ?? now) : null,
      audio_key: null,
      audio_size: null,
      audio_type: 'audio/mpeg',
      audio_sha256: null,
      duration_seconds: opts.durationSeconds ?? 1830,
      transcript_key: null,
      transcript_type: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}
