import { z } from 'zod';
import { defineJobContract } from '../../jobs/define.js';

/* The jobs this folder's code enqueues: kind and payload only. The handlers are bound in jobs/registry.ts. */

/** Handled in withdrawal-declared.job.ts. */
export const withdrawalDeclaredJob = defineJobContract({
  kind: 'legal.withdrawal-declared',
  payload: z.object({ number: z.string().max(40), email: z.string().max(320), receivedAt: z.iso.datetime() }),
});

/** Handled in refund-withdrawn-order.job.ts: a payment that arrived after the buyer withdrew goes back. */
export const refundWithdrawnOrderJob = defineJobContract({
  kind: 'legal.refund-withdrawn-order',
  payload: z.object({ orderId: z.string() }),
  maxAttempts: 20,
});
