import { z } from 'zod';
import { defineJobContract } from '../../jobs/define.js';

/* The jobs this folder's code enqueues: kind and payload only. The handlers are bound in jobs/registry.ts. */

/** Handled in expire-order.job.ts. */
export const expireOrderJob = defineJobContract({
  kind: 'order.expire',
  payload: z.object({ orderId: z.string() }),
});

/** Handled in send-receipt.job.ts: the buyer's receipt once the order is fulfilled. */
export const sendReceiptJob = defineJobContract({
  kind: 'order.send-receipt',
  payload: z.object({ orderId: z.string() }),
  maxAttempts: 20,
});
