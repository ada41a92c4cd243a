import type { BillingInterval, Db } from '../../db/schema.js';
import { tierBenefits } from './tiers.js';

/** What a membership order's thank-you page tells the new member. */
export type OrderMembership = {
  tier: string;
  benefits: string[];
  interval: BillingInterval | null;
  /** The end of the paid period: when it renews, or ends if canceled; null while the payment is not in. */
  periodEnd: string | null;
  cancelAtPeriodEnd: boolean;
};

/**
 * The membership an order pays for, if it is one: the tier by the order's
 * product (also while the payment is pending), the period by the subscription
 * payment that points at the order once paid.
 */
export async function membershipOfOrder(db: Db, orderId: string): Promise<OrderMembership | undefined> {
  const tier = await db
    .selectFrom('order_items as i')
    .innerJoin('membership_tiers as t', 't.product_id', 'i.product_id')
    .select(['t.name', 't.benefits'])
    .where('i.order_id', '=', orderId)
    .executeTakeFirst();
  if (!tier) return undefined;
  const period = await db
    .selectFrom('subscription_payments as p')
    .innerJoin('subscriptions as s', 's.id', 'p.subscription_id')
    .select(['p.period_end', 's.interval', 's.cancel_at_period_end', 's.current_period_end'])
    .where('p.order_id', '=', orderId)
    .executeTakeFirst();
  return {
    tier: tier.name,
    benefits: tierBenefits(tier),
    interval: period?.interval ?? null,
    periodEnd: period ? (period.current_period_end ?? period.period_end) : null,
    cancelAtPeriodEnd: period?.cancel_at_period_end === 1,
  };
}
