import { handleJob } from '../../jobs/define.js';
import { applyCancellation } from './apply-cancellation.js';
import { cancellationReceivedJob } from './job-contracts.js';

/**
 * A cancellation from the public page, carried out after the answer: the
 * request only stores the declaration and this job, the same work for every
 * address, so neither the page nor its timing tells whether the address has
 * contracts (a Stripe subscription would take a call to Stripe). Provider
 * errors are retried here instead of failing the page.
 */
export const cancellationReceivedHandler = handleJob(cancellationReceivedJob, async ({ requestId }, { services }) => {
  await applyCancellation(services, requestId);
});
