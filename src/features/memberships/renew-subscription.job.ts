import { z } from 'zod';
import { defineJob } from '../../jobs/define.js';
import { renewSubscription } from './renew-subscription.js';

/**
 * One per subscription, period end and attempt (`renew:<sub>:<period end>:<attempt>`):
 * charges the next period, retries after a failure, or ends a subscription
 * canceled at its period end. A run for a state that moved on does nothing.
 */
export const renewSubscriptionJob = defineJob({
  kind: 'membership.renew',
  payload: z.object({ subscriptionId: z.string(), attempt: z.number().int().min(0) }),
  maxAttempts: 20,
  handle: async ({ subscriptionId, attempt }, { services, log }) => {
    const result = await renewSubscription(services, subscriptionId, attempt);
    log.info({ subscriptionId, attempt, result }, 'subscription renewal');
  },
});
