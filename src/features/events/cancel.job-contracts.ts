import { z } from 'zod';
import { defineJobContract } from '../../jobs/define.js';

/* The jobs a cancelled session's refunds run as: kind and payload only; the handlers are in cancel.jobs.ts. */

/** A session was cancelled with refunds: finds the paid orders it ends and enqueues one refund job for each. */
export const eventSessionRefundsJob = defineJobContract({
  kind: 'events.session-refunds',
  payload: z.object({ sessionId: z.string(), actor: z.string() }),
});

/**
 * One order's full refund for a cancelled session: a job of its own, so a
 * refund the provider refuses is retried and, in the end, shown as failed in
 * the job queue without holding up the others.
 */
export const eventSessionOrderRefundJob = defineJobContract({
  kind: 'events.session-order-refund',
  payload: z.object({ orderId: z.string(), sessionId: z.string(), actor: z.string() }),
  maxAttempts: 6,
});
