import { z } from 'zod';
import { defineJobContract } from '../../jobs/define.js';

/* The jobs this folder's code enqueues: kind and payload only. The handlers are bound in jobs/registry.ts. */

/** Handled in cancellation-received.job.ts. */
export const cancellationReceivedJob = defineJobContract({
  kind: 'membership.cancellation-received',
  payload: z.object({ requestId: z.string() }),
});

/** Handled in renew-subscription.job.ts. */
export const renewSubscriptionJob = defineJobContract({
  kind: 'membership.renew',
  payload: z.object({ subscriptionId: z.string(), attempt: z.number().int().min(0) }),
  maxAttempts: 20,
});

/** Handled in reconcile-subscriptions.ts. */
export const syncStripeSubscriptionJob = defineJobContract({
  kind: 'membership.sync-stripe',
  payload: z.object({ subscriptionId: z.string() }),
  maxAttempts: 10,
});
