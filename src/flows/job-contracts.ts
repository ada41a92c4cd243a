import { z } from 'zod';
import { defineJobContract } from '../jobs/define.js';

/* The jobs this folder's code enqueues: kind and payload only. The handlers are bound in jobs/registry.ts. */

/** Handled in housekeeping.job.ts. */
export const housekeepingJob = defineJobContract({
  kind: 'housekeeping.daily',
  payload: z.object({}),
  maxAttempts: 3,
});
