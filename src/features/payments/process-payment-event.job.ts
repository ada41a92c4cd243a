import type { Db } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { handleJob, PermanentJobError } from '../../jobs/define.js';
import { enqueueJob } from '../../jobs/queue.js';
import { applyPaymentState } from './apply-payment-state.js';
import { processPaymentEventJob, subscriptionEventJob } from './job-contracts.js';
import { UnrelatedPaymentError } from './provider.js';
import { paymentProvider } from './providers.js';

/**
 * Processes a stored notification by re-reading the payment at the provider:
 * the event only says "look at this payment", so order of arrival and
 * duplicates do not matter. A provider that is down is retried with backoff.
 */
export const processPaymentEventHandler = handleJob(
  processPaymentEventJob,
  async ({ provider, eventId, providerRef }, { db, services, log }) => {
    const p = await paymentProvider(services, provider);
    if (!p) throw new PermanentJobError(`unknown payment provider ${provider}`);
    // A recurring subscription (memberships): its owner re-reads and converges it, in its own job.
    if (p.isSubscriptionRef?.(providerRef)) {
      await db.transaction().execute(async (trx) => {
        const payload = { provider, eventId, providerRef };
        await enqueueJob(trx, subscriptionEventJob, payload, {
          uniqueKey: `subscription-event:${provider}:${eventId}`,
        });
        await markProcessed(trx, provider, eventId);
      });
      services.nudgeWorker();
      return;
    }
    try {
      const state = await p.fetchState(providerRef);
      const result = await applyPaymentState(services, provider, state.checkoutRef ?? providerRef, state);
      log.info({ eventId, providerRef, result }, 'payment event processed');
    } catch (err) {
      if (!(err instanceof UnrelatedPaymentError)) throw err;
      log.info({ eventId, providerRef }, 'payment event is about a payment that is not ours');
    }
    await markProcessed(db, provider, eventId);
  },
);

async function markProcessed(db: Db, provider: string, eventId: string) {
  await db
    .updateTable('payment_events')
    .set({ processed_at: isoNow() })
    .where('provider', '=', provider)
    .where('event_id', '=', eventId)
    .execute();
}
