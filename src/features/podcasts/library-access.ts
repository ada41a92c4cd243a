import type { Kysely } from 'kysely';
import type { DB, Db, PodcastFeed } from '../../db/schema.js';
import { normaliseEmail } from '../memberships/access.js';
import { showAccess, showTierIds } from './access.js';
import { ensureFeed, rotateFeed } from './feed-tokens.js';
import { findShow, type ShowRow } from './queries.js';

/**
 * What the signed-in address finds on a show's subscribe page. A listener
 * gets their feed (made on first visit). Without access, an address that
 * heard the show before (a feed or a purchase) learns that access ended, a
 * member learns the show is not in their membership; anyone else finds
 * nothing, as for someone else's order, so the page reveals no show to a
 * stranger that the store does not sell.
 */
export type SubscribeState =
  | { kind: 'missing' }
  | { kind: 'listener'; show: ShowRow; feed: PodcastFeed }
  | { kind: 'ended' | 'not-included'; show: ShowRow };

export async function loadSubscribeState(
  db: Db,
  secret: string,
  showId: string,
  email: string,
  now: Date,
): Promise<SubscribeState> {
  const show = await findShow(db, showId);
  if (!show) return { kind: 'missing' };
  const address = normaliseEmail(email);
  const access = await showAccess(db, show, address, now);
  if (access.listener) {
    return { kind: 'listener', show, feed: await ensureFeed(db, secret, show.product_id, address, now.toISOString()) };
  }
  if (await heardBefore(db, show.product_id, address)) return { kind: 'ended', show };
  if (showTierIds(show).length > 0 && (await isMember(db, address))) return { kind: 'not-included', show };
  return { kind: 'missing' };
}

async function heardBefore(db: Db, showId: string, address: string): Promise<boolean> {
  const [feed, purchase] = await Promise.all([
    db
      .selectFrom('podcast_feeds')
      .select('id')
      .where('show_id', '=', showId)
      .where('email', '=', address)
      .executeTakeFirst(),
    db
      .selectFrom('podcast_purchases')
      .select('id')
      .where('show_id', '=', showId)
      .where('email', '=', address)
      .executeTakeFirst(),
  ]);
  return feed !== undefined || purchase !== undefined;
}

async function isMember(db: Db, address: string): Promise<boolean> {
  const row = await db.selectFrom('members').select('id').where('email', '=', address).executeTakeFirst();
  return row !== undefined;
}

/**
 * The listener's own "new URL": only while they hear the show and the feed
 * is open (a paused feed is the creator's decision). A rotation racing
 * another finds the feed already rotated, which is what was asked.
 */
export async function rotateOwnFeed(
  db: Kysely<DB>,
  secret: string,
  showId: string,
  email: string,
  now: Date,
): Promise<'rotated' | 'refused'> {
  const state = await loadSubscribeState(db, secret, showId, email, now);
  if (state.kind !== 'listener' || state.feed.status !== 'active') return 'refused';
  const at = now.toISOString();
  const feed = state.feed;
  await db.transaction().execute(async (trx) => {
    // The shared URL is gone: an open sharing alert about it is settled the way "Rotate" would settle it.
    if (await rotateFeed(trx, secret, feed, at)) {
      await trx
        .updateTable('podcast_sharing_alerts')
        .set({ status: 'rotated', decided_at: at })
        .where('feed_id', '=', feed.id)
        .where('status', '=', 'open')
        .execute();
    }
  });
  return 'rotated';
}

/** Every show the address hears now, by title, with its feed's status when it has one. */
export async function listListenerShows(db: Db, email: string, now: Date) {
  const address = normaliseEmail(email);
  const candidates = await db
    .selectFrom('podcast_shows as s')
    .innerJoin('products as p', 'p.id', 's.product_id')
    .leftJoin('podcast_feeds as f', (j) => j.onRef('f.show_id', '=', 's.product_id').on('f.email', '=', address))
    .select(['s.product_id', 's.tier_ids', 'p.title', 'f.status as feed_status'])
    .where((eb) =>
      eb.or([
        eb('s.tier_ids', '!=', '[]'),
        eb.exists(
          eb
            .selectFrom('podcast_purchases as pp')
            .select('pp.id')
            .whereRef('pp.show_id', '=', 's.product_id')
            .where('pp.email', '=', address),
        ),
      ]),
    )
    .orderBy('p.title')
    .execute();
  const heard = [];
  for (const show of candidates) {
    if ((await showAccess(db, show, address, now)).listener) heard.push(show);
  }
  return heard;
}
