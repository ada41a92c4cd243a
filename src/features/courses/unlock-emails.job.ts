import type { Db } from '../../db/schema.js';
import { handleJob } from '../../jobs/define.js';
import { enqueueJob } from '../../jobs/queue.js';
import { courseUnlockEmailsJob } from './job-contracts.js';
import { sendUnlockEmails } from './unlock-emails.js';

const HOUR_MS = 3600 * 1000;

/** The next hour's run is enqueued by this one under a per-hour key, so there is only ever one chain. */
function hourKey(d: Date): string {
  return `course-unlocks:${d.toISOString().slice(0, 13)}`;
}

export const courseUnlockEmailsHandler = handleJob(courseUnlockEmailsJob, async (_payload, { db, log, services }) => {
  const sent = await sendUnlockEmails(db, services.config.publicUrl, new Date());
  if (sent > 0) log.info({ sent }, 'course unlock emails queued');
  await scheduleUnlockEmails(db, new Date(Date.now() + HOUR_MS));
});

/** Called at start and by each run; a no-op when that hour is already scheduled. */
export async function scheduleUnlockEmails(db: Db, at: Date = new Date()): Promise<void> {
  await enqueueJob(db, courseUnlockEmailsJob, {}, { uniqueKey: hourKey(at), runAt: at });
}
