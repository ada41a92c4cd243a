import { isoNow } from '../../db/time.js';
import type { Services } from '../../services.js';
import { recordAudit } from '../admin/audit.js';
import { findSubscription } from './subscriptions.js';
import { findTierBySlug, tierPrice } from './tiers.js';

export type ChangePlanResult = 'scheduled' | 'unchanged' | 'tier' | 'interval' | 'stripe' | 'not-applicable';

/**
 * A tier or interval change takes effect at the next renewal (no proration):
 * the test provider's renewal charges the new tier's price then. Stripe
 * subscriptions are changed by canceling and subscribing to the new tier
 * (see docs/architecture.md, Memberships).
 */
export async function changePlan(
  services: Services,
  subscriptionId: string,
  input: { tierSlug: string; interval: string },
): Promise<ChangePlanResult> {
  const { db } = services.database;
  const sub = await findSubscription(db, subscriptionId);
  if (!sub || (sub.status !== 'active' && sub.status !== 'past_due')) return 'not-applicable';
  if (sub.provider !== 'test') return 'stripe';
  const tier = await findTierBySlug(db, input.tierSlug);
  if (!tier?.active || tier.is_free || !tier.product_id) return 'tier';
  if (input.interval !== 'month' && input.interval !== 'year') return 'interval';
  if (tierPrice(tier, input.interval) === undefined || tier.currency !== sub.currency) return 'interval';
  const same = tier.id === sub.tier_id && input.interval === sub.interval;
  await db
    .updateTable('subscriptions')
    .set({
      pending_tier_id: same ? null : tier.id,
      pending_interval: same ? null : input.interval,
      updated_at: isoNow(),
    })
    .where('id', '=', sub.id)
    .execute();
  await recordAudit(db, 'member', 'membership.change', {
    subscription: sub.id,
    tier: tier.id,
    interval: input.interval,
  });
  return same ? 'unchanged' : 'scheduled';
}
