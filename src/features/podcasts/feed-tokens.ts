import { createHash, createHmac, randomUUID } from 'node:crypto';
import type { Db, PodcastFeed } from '../../db/schema.js';
import { normaliseEmail } from '../memberships/access.js';

/**
 * Private feed tokens: 256 bits, derived from the feed's id and generation
 * with the server's secret, so the library can show the URL again while the
 * database keeps only the token's SHA-256 for the look-up. Rotating raises
 * the generation in one guarded UPDATE: the old URL stops with the commit.
 */

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function feedToken(secret: string, feedId: string, generation: number): string {
  return createHmac('sha256', secret).update(`podcast-feed:${feedId}:${generation}`).digest('base64url');
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function isWellFormedToken(token: string): boolean {
  return TOKEN.test(token);
}

/** The address's feed of the show, made on first use (a rerun or a race finds the same row). */
export async function ensureFeed(
  db: Db,
  secret: string,
  showId: string,
  email: string,
  now: string,
): Promise<PodcastFeed> {
  const address = normaliseEmail(email);
  const id = randomUUID();
  await db
    .insertInto('podcast_feeds')
    .values({
      id,
      show_id: showId,
      email: address,
      token_hash: tokenHash(feedToken(secret, id, 1)),
      created_at: now,
      rotated_at: null,
      status_changed_at: null,
    })
    .onConflict((oc) => oc.columns(['show_id', 'email']).doNothing())
    .execute();
  return db
    .selectFrom('podcast_feeds')
    .selectAll()
    .where('show_id', '=', showId)
    .where('email', '=', address)
    .executeTakeFirstOrThrow();
}

export async function findFeedByToken(db: Db, showId: string, token: string): Promise<PodcastFeed | undefined> {
  if (!isWellFormedToken(token)) return undefined;
  return db
    .selectFrom('podcast_feeds')
    .selectAll()
    .where('token_hash', '=', tokenHash(token))
    .where('show_id', '=', showId)
    .executeTakeFirst();
}

/** The feed's current token. */
export function tokenOf(secret: string, feed: Pick<PodcastFeed, 'id' | 'generation'>): string {
  return feedToken(secret, feed.id, feed.generation);
}

/** A new URL for the feed; false when another rotation got there first (the caller re-reads). */
export async function rotateFeed(
  db: Db,
  secret: string,
  feed: Pick<PodcastFeed, 'id' | 'generation'>,
  now: string,
): Promise<boolean> {
  const next = feed.generation + 1;
  const result = await db
    .updateTable('podcast_feeds')
    .set({ generation: next, token_hash: tokenHash(feedToken(secret, feed.id, next)), rotated_at: now })
    .where('id', '=', feed.id)
    .where('generation', '=', feed.generation)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export async function setFeedStatus(
  db: Db,
  feedId: string,
  status: PodcastFeed['status'],
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable('podcast_feeds')
    .set({ status, status_changed_at: now })
    .where('id', '=', feedId)
    .where('status', '<>', status)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}
