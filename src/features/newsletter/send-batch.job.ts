import { handleJob } from '../../jobs/define.js';
import { sendBatchJob } from './job-contracts.js';
import { sendBatch } from './send-batch.js';

/**
 * One batch of a send. Temporary refusals put rows back to 'queued'; the job
 * then fails so the runner retries it with backoff, and on its last attempt
 * the rows still refused are marked 'failed'.
 */
export const sendBatchHandler = handleJob(sendBatchJob, async ({ sendId, batch }, { services, job, signal }) => {
  const result = await sendBatch(services, { sendId, batch, signal, finalAttempt: job.attempts >= job.max_attempts });
  if (result.retry > 0) throw new Error(`${result.retry} recipients refused for now; retrying`);
});
