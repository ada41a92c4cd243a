import type { Db } from '../../db/schema.js';
import { handleJob } from '../../jobs/define.js';
import { enqueueJob } from '../../jobs/queue.js';
import { approveDueCommissions } from './approve.js';
import { affiliatesApproveJob } from './job-contracts.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Marks the commissions whose hold ended, then schedules the next day's run (the pages mark them too when read). */
export const affiliatesApproveHandler = handleJob(affiliatesApproveJob, async (_payload, { db }) => {
  await approveDueCommissions(db, new Date());
  await scheduleApproval(db, new Date(Date.now() + DAY_MS));
});

/** Called at start and by each run; a no-op when that day is already scheduled. */
export async function scheduleApproval(db: Db, at: Date = new Date()): Promise<void> {
  const day = `affiliates-approve:${at.toISOString().slice(0, 10)}`;
  await enqueueJob(db, affiliatesApproveJob, {}, { uniqueKey: day, runAt: at });
}
