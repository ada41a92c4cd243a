import type { Db, PodcastEpisode, PodcastShow } from '../../db/schema.js';
import { canRead, loadMemberAccess, normaliseEmail } from '../memberships/access.js';

/**
 * Who hears which episodes. The one place podcast access is decided: private
 * feeds, enclosures, chapters, transcripts, the library and the product page
 * ask here. A listener is a member of a tier the show lists (the membership
 * rule of memberships/access.ts, so a cancelled member hears on until the
 * period ends) or the buyer of the show (an unrevoked purchase).
 */

export type ShowAccess = { listener: boolean; via: 'tier' | 'purchase' | null };

export const NO_SHOW_ACCESS: ShowAccess = { listener: false, via: null };

export function showTierIds(show: Pick<PodcastShow, 'tier_ids'>): string[] {
  try {
    const v: unknown = JSON.parse(show.tier_ids);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** Does this address hear the show's members-only episodes now? */
export async function showAccess(
  db: Db,
  show: Pick<PodcastShow, 'product_id' | 'tier_ids'>,
  email: string,
  now: Date,
): Promise<ShowAccess> {
  const address = normaliseEmail(email);
  const purchase = await db
    .selectFrom('podcast_purchases')
    .select('id')
    .where('show_id', '=', show.product_id)
    .where('email', '=', address)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (purchase) return { listener: true, via: 'purchase' };
  const tierIds = showTierIds(show);
  if (tierIds.length === 0) return NO_SHOW_ACCESS;
  const member = await loadMemberAccess(db, address, now);
  return canRead({ visibility: 'tiers', tierIds }, member) ? { listener: true, via: 'tier' } : NO_SHOW_ACCESS;
}

/** Published (a scheduled episode counts once its job has published it, which also moves the feed's version). */
export function isPublished(episode: Pick<PodcastEpisode, 'status'>): boolean {
  return episode.status === 'published';
}

/** May someone with this access hear this episode? Drafts and scheduled episodes: nobody but the admin. */
export function mayHear(episode: Pick<PodcastEpisode, 'status' | 'access'>, access: ShowAccess): boolean {
  if (!isPublished(episode)) return false;
  return episode.access === 'public' || access.listener;
}
