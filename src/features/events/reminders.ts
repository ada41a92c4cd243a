import type { Db, EventSession } from '../../db/schema.js';
import { enqueueJob } from '../../jobs/queue.js';
import { eventReminderJob } from './job-contracts.js';

const LEADS = [
  { lead: '24h', ms: 24 * 3600_000 },
  { lead: '1h', ms: 3600_000 },
] as const;

/**
 * Enqueues the reminders of a session at its current time and sequence (a
 * moved session gets new ones; the old ones find a newer sequence and do
 * nothing). A reminder whose time has passed is not sent late.
 */
export async function scheduleReminders(
  db: Db,
  session: Pick<EventSession, 'id' | 'starts_at' | 'sequence'>,
  now: Date = new Date(),
): Promise<void> {
  const start = Date.parse(session.starts_at);
  for (const { lead, ms } of LEADS) {
    const runAt = new Date(start - ms);
    if (runAt <= now) continue;
    await enqueueJob(
      db,
      eventReminderJob,
      { sessionId: session.id, sequence: session.sequence, lead },
      { runAt, uniqueKey: `event-reminder:${session.id}:${session.sequence}:${lead}` },
    );
  }
}
