import { z } from 'zod';
import { defineJobContract } from '../../jobs/define.js';

/* The jobs this folder's code enqueues: kind and payload only. The handlers are bound in jobs/registry.ts. */

/** Handled in retention.job.ts. */
export const retentionSweepJob = defineJobContract({
  kind: 'privacy.retention-sweep',
  payload: z.object({}),
  maxAttempts: 3,
});
