import type { Kysely } from 'kysely';
import type { DB, Job, JobStatus } from '../db/schema.js';
import { recordAudit } from '../features/admin/audit.js';
import { findJob, retryDeadJob } from './queue.js';

export type RetryJobOptions = { id: string; actor: string };
export type RetryJobResult =
  | { kind: 'retried'; job: Job }
  | { kind: 'not-found' }
  | { kind: 'not-dead'; status: JobStatus };

/** The admin retries a dead job: it runs again with a fresh attempt budget, and the audit log says who did it. */
export async function retryJob(db: Kysely<DB>, { id, actor }: RetryJobOptions): Promise<RetryJobResult> {
  return db.transaction().execute(async (trx) => {
    const job = await findJob(trx, id);
    if (!job) return { kind: 'not-found' };
    // The guarded update decides, not the read above: two admins clicking at once retry it once.
    if (!(await retryDeadJob(trx, id))) return { kind: 'not-dead', status: job.status };
    await recordAudit(trx, actor, 'job.retry', {
      jobId: job.id,
      kind: job.kind,
      attempts: job.attempts,
      lastError: job.last_error?.slice(0, 200) ?? null,
    });
    return { kind: 'retried', job };
  });
}
