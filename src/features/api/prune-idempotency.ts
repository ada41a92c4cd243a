import type { Db } from '../../db/schema.js';
import { handleJob } from '../../jobs/define.js';
import { enqueueJob } from '../../jobs/queue.js';
import { apiPruneIdempotencyJob } from './job-contracts.js';

/** How long an answer is kept for replays. */
export const IDEMPOTENCY_KEEP_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

/** Answers past their day, whichever token they were for. */
export async function pruneIdempotency(db: Db, now = new Date()): Promise<void> {
  await db
    .deleteFrom('api_idempotency')
    .where('created_at', '<', new Date(now.getTime() - IDEMPOTENCY_KEEP_MS).toISOString())
    .execute();
}

export const apiPruneIdempotencyHandler = handleJob(apiPruneIdempotencyJob, async (_payload, { db }) => {
  await pruneIdempotency(db);
  await schedulePruneIdempotency(db, new Date(Date.now() + HOUR_MS));
});

/** Called at start and by each run; a no-op when that hour is already scheduled. */
export async function schedulePruneIdempotency(db: Db, at: Date = new Date()): Promise<void> {
  const hour = `api-prune-idempotency:${at.toISOString().slice(0, 13)}`;
  await enqueueJob(db, apiPruneIdempotencyJob, {}, { uniqueKey: hour, runAt: at });
}
