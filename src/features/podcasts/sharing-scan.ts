import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/schema.js';
import { handleJob } from '../../jobs/define.js';
import { enqueueJob } from '../../jobs/queue.js';
import { podcastSharingScanJob } from './job-contracts.js';

/**
 * Hourly: a private feed heard from more distinct networks (/24, /48) in the
 * last 7 UTC days than its show allows gets an open alert for the creator
 * (one open alert per feed: the partial unique index and ON CONFLICT DO
 * NOTHING). After the creator decides, only sightings after that day count
 * again, and an ignored feed is not raised again within 7 days of the
 * decision. Sightings older than 30 days are deleted.
 */

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const WINDOW_DAYS = 7;
const KEEP_DAYS = 30;

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

type Spread = { networks: number; apps: number };

/** Distinct networks and apps of each feed since `sinceDay` (inclusive), only where networks pass the show's threshold. */
function spreadAbove(db: Db, sinceDay: string, feedId?: string) {
  return db
    .selectFrom('podcast_feed_sightings as s')
    .innerJoin('podcast_feeds as f', 'f.id', 's.feed_id')
    .innerJoin('podcast_shows as sh', 'sh.product_id', 'f.show_id')
    .select(['s.feed_id', 'f.show_id'])
    .select(sql<number>`count(distinct s.network)`.as('networks'))
    .select(sql<number>`count(distinct s.app)`.as('apps'))
    .where('s.day', '>=', sinceDay)
    .where('f.status', '=', 'active')
    .$if(feedId !== undefined, (q) => q.where('s.feed_id', '=', feedId as string))
    .groupBy(['s.feed_id', 'f.show_id', 'sh.sharing_networks_threshold'])
    .having(sql<boolean>`count(distinct s.network) > sh.sharing_networks_threshold`)
    .execute();
}

export async function scanForSharing(db: Db, now: Date = new Date()): Promise<{ raised: number }> {
  const sinceDay = dayOf(now.getTime() - (WINDOW_DAYS - 1) * DAY_MS);
  let raised = 0;
  for (const candidate of await spreadAbove(db, sinceDay)) {
    const spread = await spreadSinceDecision(db, candidate.feed_id, sinceDay, now);
    if (!spread) continue;
    const inserted = await db
      .insertInto('podcast_sharing_alerts')
      .values({
        id: randomUUID(),
        feed_id: candidate.feed_id,
        show_id: candidate.show_id,
        networks: spread.networks,
        apps: spread.apps,
        created_at: now.toISOString(),
        decided_at: null,
      })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    raised += Number(inserted.numInsertedOrUpdatedRows ?? 0n);
  }
  await db
    .deleteFrom('podcast_feed_sightings')
    .where('day', '<', dayOf(now.getTime() - KEEP_DAYS * DAY_MS))
    .execute();
  return { raised };
}

/**
 * The feed's spread counted from the day after the creator's last decision
 * (a rotated or suspended feed starts afresh); undefined when it is no
 * longer above the threshold or was ignored within the last 7 days.
 */
async function spreadSinceDecision(db: Db, feedId: string, sinceDay: string, now: Date): Promise<Spread | undefined> {
  const decision = await db
    .selectFrom('podcast_sharing_alerts')
    .select(['status', 'decided_at'])
    .where('feed_id', '=', feedId)
    .where('decided_at', 'is not', null)
    .orderBy('decided_at', 'desc')
    .executeTakeFirst();
  const decidedAt = decision?.decided_at ? Date.parse(decision.decided_at) : Number.NaN;
  if (!Number.isFinite(decidedAt) || decidedAt < now.getTime() - WINDOW_DAYS * DAY_MS) {
    const [row] = await spreadAbove(db, sinceDay, feedId);
    return row ? { networks: Number(row.networks), apps: Number(row.apps) } : undefined;
  }
  if (decision?.status === 'ignored') return undefined;
  const afterDecision = dayOf(decidedAt + DAY_MS);
  const [row] = await spreadAbove(db, afterDecision > sinceDay ? afterDecision : sinceDay, feedId);
  return row ? { networks: Number(row.networks), apps: Number(row.apps) } : undefined;
}

function hourKey(d: Date): string {
  return `podcast-sharing-scan:${d.toISOString().slice(0, 13)}`;
}

export const podcastSharingScanHandler = handleJob(podcastSharingScanJob, async (_payload, { db }) => {
  await scanForSharing(db);
  await scheduleSharingScan(db, new Date(Date.now() + HOUR_MS));
});

/** Called at start and by each run; a no-op when that hour is already scheduled. */
export async function scheduleSharingScan(db: Db, at: Date = new Date()): Promise<void> {
  await enqueueJob(db, podcastSharingScanJob, {}, { uniqueKey: hourKey(at), runAt: at });
}
