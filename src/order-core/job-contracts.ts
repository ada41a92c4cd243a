import { z } from 'zod';
import { defineJobContract } from '../jobs/define.js';

/* The jobs the order core enqueues: kind and payload only. The handlers are bound in jobs/registry.ts. */

/** Handled in fulfil-order.job.ts: grants a paid order's entitlements. */
export const fulfilOrderJob = defineJobContract({
  kind: 'order.fulfil',
  payload: z.object({ orderId: z.string() }),
  maxAttempts: 20,
});
