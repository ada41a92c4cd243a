import type { Db, PodcastFeed } from '../../db/schema.js';
import { type ShowAccess, showAccess, showTierIds } from './access.js';
import type { ShowRow } from './queries.js';

/**
 * Who a private feed belongs to and whether they hear the show now, decided
 * by `showAccess` and kept for at most 30 s per feed: a thousand apps polling
 * cost a thousand token look-ups, not a thousand membership queries, and a
 * refund or an ended membership still bites within the minute the product
 * promises. The token itself is looked up on every request, so a rotated or
 * unknown token stops at once.
 */

export type FeedAudience = {
  access: ShowAccess;
  /** members.name when the address has one; else the address. */
  listenerName: string;
  /** When access ended (the latest revoked purchase or lapsed subscription); null while listening or never. */
  endedAt: string | null;
  /**
   * While listening: when the access began (the newest purchase or subscription), so a renewal
   * after an ending moves the feed's Last-Modified past the "ended" notice's.
   */
  since: string | null;
};

export const FEED_ACCESS_TTL_MS = 30_000;

type Entry = { value: FeedAudience; expiresAt: number };

export class FeedAccessCache {
  private readonly entries = new Map<string, Entry>();
  constructor(
    private readonly ttlMs = FEED_ACCESS_TTL_MS,
    private readonly maxEntries = 50_000,
  ) {}

  async audience(db: Db, show: ShowRow, feed: PodcastFeed, now: Date): Promise<FeedAudience> {
    // The show's tiers are part of the key: a creator changing them is seen at once.
    const key = `${feed.id}\n${show.tier_ids}`;
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > now.getTime()) return hit.value;
    const value = await loadAudience(db, show, feed.email, now);
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: now.getTime() + this.ttlMs });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}

const caches = new WeakMap<object, FeedAccessCache>();

/** One cache per running app (keyed by its services), so tests can clear the app's own. */
export function feedAccessCacheOf(services: object): FeedAccessCache {
  let cache = caches.get(services);
  if (!cache) {
    cache = new FeedAccessCache();
    caches.set(services, cache);
  }
  return cache;
}

export async function loadAudience(db: Db, show: ShowRow, email: string, now: Date): Promise<FeedAudience> {
  const [access, member] = await Promise.all([
    showAccess(db, show, email, now),
    db.selectFrom('members').select(['id', 'name']).where('email', '=', email).executeTakeFirst(),
  ]);
  const listenerName = member?.name.trim() || email;
  if (access.listener) {
    return { access, listenerName, endedAt: null, since: await accessSince(db, show, email, member?.id) };
  }
  return { access, listenerName, endedAt: await accessEndedAt(db, show, email, member?.id, now), since: null };
}

async function accessSince(db: Db, show: ShowRow, email: string, memberId: string | undefined): Promise<string | null> {
  const purchase = await db
    .selectFrom('podcast_purchases')
    .select((eb) => eb.fn.max('created_at').as('at'))
    .where('show_id', '=', show.product_id)
    .where('email', '=', email)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  const tierIds = showTierIds(show);
  const subscription =
    memberId && tierIds.length > 0
      ? await db
          .selectFrom('subscriptions')
          .select((eb) => eb.fn.max('created_at').as('at'))
          .where('member_id', '=', memberId)
          .where('tier_id', 'in', tierIds)
          .executeTakeFirst()
      : undefined;
  return newest([purchase?.at, subscription?.at]);
}

function newest(times: readonly unknown[]): string | null {
  const found = times.filter((t): t is string => typeof t === 'string');
  return found.length > 0 ? found.sort().at(-1)! : null;
}

/** The latest moment the address lost the show: a revoked purchase or a subscription to one of its tiers run out. */
async function accessEndedAt(
  db: Db,
  show: ShowRow,
  email: string,
  memberId: string | undefined,
  now: Date,
): Promise<string | null> {
  const purchase = await db
    .selectFrom('podcast_purchases')
    .select((eb) => eb.fn.max('revoked_at').as('at'))
    .where('show_id', '=', show.product_id)
    .where('email', '=', email)
    .executeTakeFirst();
  const tierIds = showTierIds(show);
  const subscription =
    memberId && tierIds.length > 0
      ? await db
          .selectFrom('subscriptions')
          .select((eb) => eb.fn.max('access_until').as('at'))
          .where('member_id', '=', memberId)
          .where('tier_id', 'in', tierIds)
          .where('access_until', '<=', now.toISOString())
          .executeTakeFirst()
      : undefined;
  return newest([purchase?.at, subscription?.at]);
}
