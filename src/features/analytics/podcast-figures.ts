import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { showTierIds } from '../podcasts/access.js';

/** A podcast show as the leverage figures see it: its product, the tier products that include it, its downloads. */
export type PodcastShowFigures = {
  /** The show's product (kind 'podcast'): its own sales and the hours recorded on it. */
  productId: string;
  /** Products of the membership tiers whose members hear the show. */
  tierProductIds: string[];
  /** Counted downloads of its episodes in the period (one per listener, episode and day). */
  downloads: number;
};

/** Every show, with the tiers that include it and its downloads since `from` (a store-local day, read as UTC). */
export async function loadPodcastFigures(db: Kysely<DB>, from: string): Promise<PodcastShowFigures[]> {
  const [shows, tiers, downloads] = await Promise.all([
    db.selectFrom('podcast_shows').select(['product_id', 'tier_ids']).execute(),
    db.selectFrom('membership_tiers').select(['id', 'product_id']).execute(),
    db
      .selectFrom('podcast_downloads')
      .select((eb) => ['show_id', eb.fn.countAll<number>().as('n')])
      .where('day', '>=', from)
      .groupBy('show_id')
      .execute(),
  ]);
  const tierProduct = new Map(tiers.map((t) => [t.id, t.product_id]));
  const counted = new Map(downloads.map((d) => [d.show_id, Number(d.n)]));
  return shows.map((s) => ({
    productId: s.product_id,
    tierProductIds: showTierIds(s).flatMap((id) => {
      const product = tierProduct.get(id);
      return product ? [product] : [];
    }),
    downloads: counted.get(s.product_id) ?? 0,
  }));
}
