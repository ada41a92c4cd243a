import { z } from 'zod';
import { defineJobContract } from '../../jobs/define.js';

/* The jobs this folder's code enqueues: kind and payload only. The handlers are bound in feature.ts. */

/** Hourly: answers kept for Idempotency-Key replays are deleted after 24 hours (they hold customer data). */
export const apiPruneIdempotencyJob = defineJobContract({
  kind: 'api.prune-idempotency',
  payload: z.object({}),
});
