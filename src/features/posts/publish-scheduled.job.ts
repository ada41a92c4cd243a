import { handleJob } from '../../jobs/define.js';
import { publishScheduledPostJob } from './job-contracts.js';
import { publishPost } from './publish.js';

/**
 * Publishes a scheduled post at its time. A post rescheduled later (or
 * published by hand meanwhile) is left alone: the guard is the post's own
 * status and publish_at, so a stale job does nothing.
 */
export const publishScheduledPostHandler = handleJob(publishScheduledPostJob, async ({ postId }, { db, services }) => {
  const now = new Date();
  const due = await db
    .selectFrom('posts')
    .select('id')
    .where('id', '=', postId)
    .where('status', '=', 'scheduled')
    .where('publish_at', '<=', now.toISOString())
    .executeTakeFirst();
  if (!due) return;
  const published = await db.transaction().execute((trx) => publishPost(trx, postId, now));
  if (published) services.nudgeWorker();
});
