import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { recordAudit } from '../admin/audit.js';
import { rotateFeed, setFeedStatus } from './feed-tokens.js';

/**
 * The creator's answer to a sharing alert: suspend the feed, give it a new
 * URL, or ignore the alert. The alert is decided once (a guarded UPDATE from
 * 'open'), in the same transaction as what it does to the feed.
 */

export const ALERT_DECISIONS = ['suspend', 'rotate', 'ignore'] as const;
export type AlertDecision = (typeof ALERT_DECISIONS)[number];

const STATUS_OF = { suspend: 'suspended', rotate: 'rotated', ignore: 'ignored' } as const;

export function listOpenAlerts(db: Kysely<DB>) {
  return db
    .selectFrom('podcast_sharing_alerts as a')
    .innerJoin('podcast_feeds as f', 'f.id', 'a.feed_id')
    .innerJoin('products as p', 'p.id', 'a.show_id')
    .select(['a.id', 'a.show_id', 'a.networks', 'a.apps', 'a.created_at', 'f.email', 'p.title'])
    .where('a.status', '=', 'open')
    .orderBy('a.created_at', 'desc')
    .execute();
}

export function listSuspendedFeeds(db: Kysely<DB>) {
  return db
    .selectFrom('podcast_feeds as f')
    .innerJoin('products as p', 'p.id', 'f.show_id')
    .select(['f.id', 'f.email', 'f.status_changed_at', 'p.title'])
    .where('f.status', '=', 'suspended')
    .orderBy('f.status_changed_at', 'desc')
    .execute();
}

/** False when the alert was already decided (or does not exist): nothing happens then. */
export async function decideAlert(
  db: Kysely<DB>,
  secret: string,
  alertId: string,
  decision: AlertDecision,
  actor: string,
): Promise<boolean> {
  const now = isoNow();
  return db.transaction().execute(async (trx) => {
    const alert = await trx
      .updateTable('podcast_sharing_alerts')
      .set({ status: STATUS_OF[decision], decided_at: now })
      .where('id', '=', alertId)
      .where('status', '=', 'open')
      .returning('feed_id')
      .executeTakeFirst();
    if (!alert) return false;
    if (decision === 'suspend') await setFeedStatus(trx, alert.feed_id, 'suspended', now);
    if (decision === 'rotate') {
      const feed = await trx
        .selectFrom('podcast_feeds')
        .select(['id', 'generation'])
        .where('id', '=', alert.feed_id)
        .executeTakeFirstOrThrow();
      await rotateFeed(trx, secret, feed, now);
    }
    const action =
      decision === 'suspend'
        ? 'podcast.alert-suspended'
        : decision === 'rotate'
          ? 'podcast.alert-rotated'
          : 'podcast.alert-ignored';
    await recordAudit(trx, actor, action, { id: alertId });
    return true;
  });
}

/** A suspended feed answers again (same URL). */
export async function reactivateFeed(db: Kysely<DB>, feedId: string, actor: string): Promise<boolean> {
  const now = isoNow();
  return db.transaction().execute(async (trx) => {
    if (!(await setFeedStatus(trx, feedId, 'active', now))) return false;
    await recordAudit(trx, actor, 'podcast.feed-reactivated', { id: feedId });
    return true;
  });
}
