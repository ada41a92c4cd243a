import { z } from 'zod';
import { defineJob } from '../../jobs/define.js';
import { sendBatch } from './send-batch.js';

/**
 * One batch of a send. Temporary refusals put rows back to 'queued'; the job
 * then fails so the runner retries it with backoff, and on its last attempt
 * the rows still refused are marked 'failed'.
 */
export const sendBatchJob = defineJob({
  kind: 'newsletter.send-batch',
  payload: z.object({ sendId: z.string(), batch: z.number().int().min(0) }),
  maxAttempts: 6,
  handle: async ({ sendId, batch }, { services, job, signal }) => {
    const result = await sendBatch(services, { sendId, batch, signal, finalAttempt: job.attempts >= job.max_attempts });
    if (result.retry > 0) throw new Error(`${result.retry} recipients refused for now; retrying`);
  },
});
