import { sql } from 'kysely';
import type { Db } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { handleJob } from '../../jobs/define.js';
import { enqueueJob } from '../../jobs/queue.js';
import { translator } from '../../web/messages.js';
import { utcToLocalInput } from '../posts/local-time.js';
import { getStoreSettings } from '../settings/store-settings.js';
import { eventSessionHoursJob } from './job-contracts.js';
import { sessionTimeLabel } from './session-time.js';

const HOUR_MS = 3600_000;

/**
 * A held session is an hour of the creator's work like any other: its length
 * is recorded as effort on the event (category 'delivery'), so the leverage
 * figures weigh an event's income against the hours it took without anyone
 * typing them. One entry per session (its id is the key); a cancelled
 * session is not work.
 */
export async function recordHeldSessions(db: Db, now: string = isoNow()): Promise<number> {
  const held = await db
    .selectFrom('event_sessions as s')
    .leftJoin('effort_entries as e', (j) => j.on('e.id', '=', sql<string>`'event-session:' || s.id`))
    .select(['s.id', 's.product_id', 's.starts_at', 's.ends_at'])
    .where('s.status', '=', 'scheduled')
    .where('s.ends_at', '<=', now)
    .where('e.id', 'is', null)
    .execute();
  if (held.length === 0) return 0;
  const { timeZone, locale } = await getStoreSettings(db);
  const t = translator(locale);
  for (const s of held) {
    const minutes = Math.round((Date.parse(s.ends_at) - Date.parse(s.starts_at)) / 60_000);
    await db
      .insertInto('effort_entries')
      .values({
        id: `event-session:${s.id}`,
        product_id: s.product_id,
        day: utcToLocalInput(s.starts_at, timeZone).slice(0, 10),
        minutes,
        category: 'delivery',
        note: t('events.effort.note', { when: sessionTimeLabel(s, locale, timeZone) }),
        created_at: now,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }
  return held.length;
}

function hourKey(d: Date): string {
  return `event-session-hours:${d.toISOString().slice(0, 13)}`;
}

export const eventSessionHoursHandler = handleJob(eventSessionHoursJob, async (_payload, { db }) => {
  await recordHeldSessions(db);
  await scheduleSessionHours(db, new Date(Date.now() + HOUR_MS));
});

/** Called at start and by each run; a no-op when that hour is already scheduled. */
export async function scheduleSessionHours(db: Db, at: Date = new Date()): Promise<void> {
  await enqueueJob(db, eventSessionHoursJob, {}, { uniqueKey: hourKey(at), runAt: at });
}
