import { handleJob } from '../../jobs/define.js';
import { subscriptionEventJob } from '../payments/job-contracts.js';
import { syncStripeSubscription } from './stripe-billing.js';

/** A Stripe Billing notification: the subscription is re-read at Stripe and converged (order of arrival does not matter). */
export const subscriptionEventHandler = handleJob(subscriptionEventJob, async ({ eventId, providerRef }, ctx) => {
  const result = await syncStripeSubscription(ctx.services, providerRef);
  ctx.log.info({ eventId, providerRef, result }, 'subscription event processed');
});
