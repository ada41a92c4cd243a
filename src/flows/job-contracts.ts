import { z } from 'zod';
import { defineJobContract } from '../jobs/define.js';

/* The jobs this folder's code enqueues: kind and payload only. The handlers are bound in jobs/registry.ts. */

/** Handled in fulfil-order.job.ts. */
export const fulfilOrderJob = defineJobContract({
  kind: 'order.fulfil',
  payload: z.object({ orderId: z.string() }),
  maxAttempts: 20,
});

/** Handled in housekeeping.job.ts. */
export const housekeepingJob = defineJobContract({
  kind: 'housekeeping.daily',
  payload: z.object({}),
  maxAttempts: 3,
});
