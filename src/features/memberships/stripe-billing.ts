import type { Member, MembershipTier, Subscription } from '../../db/schema.js';
import type { Services } from '../../services.js';
import type { Locale } from '../../web/i18n.js';

/** Stripe Billing: a Checkout Session in subscription mode for an incomplete subscription. */
export async function startStripeSubscription(
  _services: Services,
  _input: { sub: Subscription; member: Member; tier: MembershipTier; locale: Locale },
): Promise<string> {
  throw new Error('Stripe subscriptions are not available');
}
