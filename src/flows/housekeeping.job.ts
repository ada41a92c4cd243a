import { isoIn, isoNow } from '../db/time.js';
import { handleJob } from '../jobs/define.js';
import { enqueueJob } from '../jobs/queue.js';
import { housekeepingJob } from './job-contracts.js';

const KEEP_DONE_JOBS_DAYS = 14;
/** An import's per-line verdicts quote the export's cells (names, addresses): kept a month for questions, then only the run's summary. */
const KEEP_IMPORT_LINES_DAYS = 30;
const DAY_MS = 24 * 3600 * 1000;

/** Tomorrow's run is enqueued by today's, under a per-day key, so there is only ever one chain. */
function dayKey(d: Date): string {
  return `housekeeping:${d.toISOString().slice(0, 10)}`;
}

/**
 * Daily clean-up: finished jobs past two weeks, expired sessions and
 * one-time tokens, the line verdicts of imports finished a month ago.
 * Dead jobs stay until the admin has looked at them.
 */
export const housekeepingHandler = handleJob(housekeepingJob, async (_payload, { db, log }) => {
  const now = isoNow();
  const jobs = await db
    .deleteFrom('jobs')
    .where('status', '=', 'done')
    .where('finished_at', '<', isoIn(-KEEP_DONE_JOBS_DAYS * DAY_MS))
    .executeTakeFirst();
  await db.deleteFrom('admin_sessions').where('expires_at', '<', now).execute();
  await db.deleteFrom('customer_sessions').where('expires_at', '<', now).execute();
  await db.deleteFrom('customer_tokens').where('expires_at', '<', isoIn(-DAY_MS)).execute();
  await db.deleteFrom('password_resets').where('expires_at', '<', isoIn(-DAY_MS)).execute();
  await db.deleteFrom('affiliate_sessions').where('expires_at', '<', now).execute();
  await db
    .deleteFrom('import_lines')
    .where('run_id', 'in', (eb) =>
      eb
        .selectFrom('import_runs')
        .select('id')
        .where('finished_at', '<', isoIn(-KEEP_IMPORT_LINES_DAYS * DAY_MS)),
    )
    .execute();
  log.info({ deletedJobs: Number(jobs.numDeletedRows) }, 'housekeeping done');
  await scheduleHousekeeping(db, new Date(Date.now() + DAY_MS));
});

/** Called at start (for today) and by each run (for tomorrow); a no-op when already scheduled. */
export async function scheduleHousekeeping(
  db: Parameters<typeof enqueueJob>[0],
  day: Date = new Date(),
): Promise<void> {
  await enqueueJob(db, housekeepingJob, {}, { uniqueKey: dayKey(day), runAt: day });
}
