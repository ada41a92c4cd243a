import { z } from 'zod';
import { defineJobContract } from '../../jobs/define.js';

/* The jobs this folder's code enqueues: kind and payload only. The handlers are bound in jobs/registry.ts. */

/** Handled in expire-order.job.ts. */
export const expireOrderJob = defineJobContract({
  kind: 'order.expire',
  payload: z.object({ orderId: z.string() }),
});
