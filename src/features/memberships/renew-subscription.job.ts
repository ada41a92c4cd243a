import { handleJob } from '../../jobs/define.js';
import { renewSubscriptionJob } from './job-contracts.js';
import { renewSubscription } from './renew-subscription.js';

/**
 * One per subscription, period end and attempt (`renew:<sub>:<period end>:<attempt>`):
 * charges the next period, retries after a failure, or ends a subscription
 * canceled at its period end. A run for a state that moved on does nothing.
 */
export const renewSubscriptionHandler = handleJob(
  renewSubscriptionJob,
  async ({ subscriptionId, attempt }, { services, log }) => {
    const result = await renewSubscription(services, subscriptionId, attempt);
    log.info({ subscriptionId, attempt, result }, 'subscription renewal');
  },
);
