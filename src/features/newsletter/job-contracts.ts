import { z } from 'zod';
import { defineJobContract } from '../../jobs/define.js';

/* The jobs this folder's code enqueues: kind and payload only. The handlers are bound in jobs/registry.ts. */

/** Handled in fan-out.job.ts. */
export const fanOutJob = defineJobContract({
  kind: 'newsletter.fan-out',
  payload: z.object({ sendId: z.string() }),
  maxAttempts: 20,
});

/** Handled in send-batch.job.ts. */
export const sendBatchJob = defineJobContract({
  kind: 'newsletter.send-batch',
  payload: z.object({ sendId: z.string(), batch: z.number().int().min(0) }),
  maxAttempts: 6,
});
