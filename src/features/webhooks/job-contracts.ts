import { z } from 'zod';
import { defineJobContract } from '../../jobs/define.js';

/* The jobs this folder's code enqueues: kind and payload only. The handlers are bound in feature.ts. */

/**
 * One attempt of a delivery. `attempt` is how many attempts the delivery had
 * when this one was planned: a job whose count is out of date (another
 * attempt ran first) does nothing. `manual`: a re-send from the admin.
 * Retries are new jobs with their own time, never the queue's own backoff.
 */
export const deliverWebhookJob = defineJobContract({
  kind: 'webhooks.deliver',
  payload: z.object({ deliveryId: z.string(), attempt: z.number().int().min(0), manual: z.boolean().default(false) }),
  maxAttempts: 3,
});
