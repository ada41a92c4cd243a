import type { Db } from '../../db/schema.js';
import { isoIn } from '../../db/time.js';
import { handleJob, PermanentJobError } from '../../jobs/define.js';
import { enqueueJob } from '../../jobs/queue.js';
import { connectedStripe } from '../payments/providers.js';
import { subscriptionCheckoutState } from '../payments/stripe/stripe-billing.js';
import { endIncomplete } from './end-unstarted-subscription.js';
import { syncStripeSubscriptionJob } from './job-contracts.js';
import { syncStripeSubscription } from './stripe-billing.js';
import { findSubscription } from './subscriptions.js';

const MINUTE = 60_000;
const BATCH = 200;

/**
 * Stripe subscriptions that a lost webhook may have left behind: checkouts
 * still incomplete after `afterMinutes` (within two days; one whose session
 * expired unpaid ends there), and subscriptions
 * whose period ended more than `afterMinutes` ago without news (a renewal,
 * failure or end we did not hear of).
 */
export async function subscriptionsToReconcile(db: Db, afterMinutes: number): Promise<string[]> {
  const rows = await db
    .selectFrom('subscriptions')
    .select('id')
    .where('provider', '=', 'stripe')
    .where((eb) =>
      eb.or([
        eb.and([
          eb('status', '=', 'incomplete'),
          eb('checkout_ref', 'is not', null),
          eb('created_at', '<', isoIn(-afterMinutes * MINUTE)),
          // Stripe's sessions expire after 24 hours: looked at a while longer, to end the unpaid ones.
          eb('created_at', '>', isoIn(-48 * 60 * MINUTE)),
        ]),
        eb.and([
          eb('status', 'in', ['active', 'past_due']),
          eb('current_period_end', '<', isoIn(-afterMinutes * MINUTE)),
        ]),
      ]),
    )
    .orderBy('updated_at')
    .limit(BATCH)
    .execute();
  return rows.map((r) => r.id);
}

/** Re-reads one Stripe subscription (found through its checkout while we do not know it yet) and converges. */
export const syncStripeSubscriptionHandler = handleJob(
  syncStripeSubscriptionJob,
  async ({ subscriptionId }, { db, services, log }) => {
    const sub = await findSubscription(db, subscriptionId);
    if (sub?.provider !== 'stripe') return;
    let ref = sub.provider_ref;
    if (!ref && sub.checkout_ref) {
      const client = await connectedStripe(services).catch(() => {
        throw new PermanentJobError('Stripe is not connected');
      });
      const checkout = await subscriptionCheckoutState(client, sub.checkout_ref);
      ref = checkout.subscription ?? null;
      if (!ref && checkout.expired) {
        // The checkout ran out unpaid: the subscription never starts.
        const ended = await db.transaction().execute((trx) => endIncomplete(trx, sub.id));
        log.info({ subscriptionId, ended }, 'Stripe checkout expired unpaid');
        return;
      }
    }
    if (!ref) return; // the checkout is still open
    const result = await syncStripeSubscription(services, ref);
    log.info({ subscriptionId, ref, result }, 'Stripe subscription reconciled');
  },
);

/** Called by `payments.reconcile` for its time slot. */
export async function enqueueSubscriptionReconciliation(db: Db, afterMinutes: number, slot: string): Promise<number> {
  const ids = await subscriptionsToReconcile(db, afterMinutes);
  for (const subscriptionId of ids) {
    await enqueueJob(
      db,
      syncStripeSubscriptionJob,
      { subscriptionId },
      { uniqueKey: `sub-sync:${subscriptionId}:${slot}` },
    );
  }
  return ids.length;
}
