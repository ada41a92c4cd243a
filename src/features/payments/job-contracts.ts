import { z } from 'zod';
import { defineJobContract } from '../../jobs/define.js';

/* The jobs this folder's code enqueues: kind and payload only. The handlers are bound in jobs/registry.ts. */

/** Handled in process-payment-event.job.ts. */
export const processPaymentEventJob = defineJobContract({
  kind: 'payment.process-event',
  payload: z.object({ provider: z.string(), eventId: z.string(), providerRef: z.string() }),
  maxAttempts: 25,
});

/** Handled in reconcile-payments.job.ts. */
export const reconcilePaymentsJob = defineJobContract({
  kind: 'payments.reconcile',
  /** The start of this run's time slot (ISO). */
  payload: z.object({ slot: z.string() }),
  maxAttempts: 3,
});

/** Handled in sync-order-payment.job.ts. */
export const syncOrderPaymentJob = defineJobContract({
  kind: 'payment.sync-order',
  payload: z.object({
    orderId: z.string(),
    // 'fees': a paid order whose fee (or card country) the provider had not reported yet.
    reason: z.enum(['reconciliation', 'refund', 'fees']).default('reconciliation'),
  }),
  maxAttempts: 12,
});

/** Handled in test-notify.job.ts. */
export const testNotifyJob = defineJobContract({
  kind: 'payment.test.notify',
  payload: z.object({ ref: z.string(), type: z.string(), settle: z.boolean() }),
  maxAttempts: 10,
});

/**
 * A notification about a recurring subscription (Stripe Billing), handed to
 * whoever owns subscriptions: memberships binds the handler
 * (`memberships/subscription-event.job.ts`), so payments imports nothing of it.
 */
export const subscriptionEventJob = defineJobContract({
  kind: 'payment.subscription-event',
  payload: z.object({ provider: z.string(), eventId: z.string(), providerRef: z.string() }),
  maxAttempts: 25,
});
