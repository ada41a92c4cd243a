import type { Db, PodcastEpisode, PodcastFeed } from '../../db/schema.js';
import type { Locale } from '../../web/i18n.js';
import { readImpressum } from '../legal/impressum.js';
import { getStoreSettings } from '../settings/store-settings.js';
import { mayHear, NO_SHOW_ACCESS, type ShowAccess } from './access.js';
import type { FeedAccessCache, FeedAudience } from './feed-access.js';
import type { FeedStore, PrivateState } from './feed-model.js';
import { isWellFormedToken, tokenHash } from './feed-tokens.js';
import { audioExtension } from './links.js';
import type { ShowRow } from './queries.js';

/**
 * The look-ups every feed URL starts with: the show, the private feed its
 * token names (fresh from the database each time, so a rotated token stops at
 * once) and what its listener may hear now (cached, see feed-access.ts).
 */

export type PrivateFeedContext = {
  show: ShowRow;
  feed: PodcastFeed;
  state: PrivateState;
  access: ShowAccess;
  audience: FeedAudience | null;
};

export async function resolvePrivateFeed(
  db: Db,
  cache: FeedAccessCache,
  params: { show: string; token: string },
  now: Date,
): Promise<PrivateFeedContext | undefined> {
  const found = await findFeedWithShow(db, params.show, params.token);
  if (!found) return undefined;
  const { feed, show } = found;
  if (feed.status === 'suspended') return { show, feed, state: 'suspended', access: NO_SHOW_ACCESS, audience: null };
  const audience = await cache.audience(db, show, feed, now);
  return { show, feed, state: audience.access.listener ? 'listener' : 'ended', access: audience.access, audience };
}

/**
 * The feed a token names with its show, in one query (every poll and every
 * enclosure request asks): `findFeedByToken` and `findShow` joined.
 */
async function findFeedWithShow(
  db: Db,
  showId: string,
  token: string,
): Promise<{ feed: PodcastFeed; show: ShowRow } | undefined> {
  if (!isWellFormedToken(token)) return undefined;
  const row = await db
    .selectFrom('podcast_feeds as f')
    .innerJoin('podcast_shows as s', 's.product_id', 'f.show_id')
    .innerJoin('products as p', 'p.id', 's.product_id')
    .selectAll('s')
    .select(['p.title', 'p.slug', 'p.status', 'p.summary', 'p.pricing'])
    .select([
      'f.id as feed_id',
      'f.show_id as feed_show_id',
      'f.email as feed_email',
      'f.generation as feed_generation',
    ])
    .select(['f.token_hash as feed_token_hash', 'f.status as feed_status', 'f.created_at as feed_created_at'])
    .select(['f.rotated_at as feed_rotated_at', 'f.status_changed_at as feed_status_changed_at'])
    .where('f.token_hash', '=', tokenHash(token))
    .where('f.show_id', '=', showId)
    .executeTakeFirst();
  if (!row) return undefined;
  const {
    feed_id,
    feed_show_id,
    feed_email,
    feed_generation,
    feed_token_hash,
    feed_status,
    feed_created_at,
    feed_rotated_at,
    feed_status_changed_at,
    ...show
  } = row;
  const feed: PodcastFeed = {
    id: feed_id,
    show_id: feed_show_id,
    email: feed_email,
    generation: feed_generation,
    token_hash: feed_token_hash,
    status: feed_status,
    created_at: feed_created_at,
    rotated_at: feed_rotated_at,
    status_changed_at: feed_status_changed_at,
  };
  return { feed, show };
}

/** Published episodes this access may hear, newest first (only the public ones for the public feed). */
export async function audibleEpisodes(db: Db, showId: string, access: ShowAccess): Promise<PodcastEpisode[]> {
  const episodes = await db
    .selectFrom('podcast_episodes')
    .selectAll()
    .where('show_id', '=', showId)
    .where('status', '=', 'published')
    .orderBy('published_at', 'desc')
    .orderBy('id')
    .execute();
  return episodes.filter((ep) => mayHear(ep, access));
}

/** `<episodeId>.<ext>` as the feed lists it; the extension must be the audio's own. */
export function parseEpisodeFile(file: string): { episodeId: string; ext: string } | undefined {
  const m = /^([A-Za-z0-9-]{1,64})\.([a-z0-9]{2,5})$/.exec(file);
  return m?.[1] && m[2] ? { episodeId: m[1], ext: m[2] } : undefined;
}

/** An episode of the show that this access may hear; undefined for drafts, other shows and members-only to outsiders. */
export async function findAudibleEpisode(
  db: Db,
  showId: string,
  episodeId: string,
  access: ShowAccess,
): Promise<PodcastEpisode | undefined> {
  const ep = await db
    .selectFrom('podcast_episodes')
    .selectAll()
    .where('id', '=', episodeId)
    .where('show_id', '=', showId)
    .executeTakeFirst();
  return ep && mayHear(ep, access) ? ep : undefined;
}

export function audioMatches(ep: PodcastEpisode, ext: string): ep is PodcastEpisode & { audio_key: string } {
  return ep.audio_key !== null && audioExtension(ep.audio_type) === ext;
}

/** The store's name and language (cached settings) — cheap enough for every poll. */
export async function storeBasics(db: Db): Promise<{ name: string; locale: Locale }> {
  const s = await getStoreSettings(db);
  return { name: s.storeName, locale: s.locale };
}

/** Only when a feed is rendered: the address in the legal notice, if the creator gave one. */
export async function feedStore(db: Db): Promise<FeedStore> {
  const [basics, impressum] = await Promise.all([storeBasics(db), readImpressum(db)]);
  return { ...basics, email: impressum.email || null };
}
