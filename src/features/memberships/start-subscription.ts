import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { BillingInterval, DB, Member, Order, Subscription } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { enqueueJob } from '../../jobs/queue.js';
import { recordPaymentStarted } from '../../order-core/orders.js';
import type { Services } from '../../services.js';
import type { Locale } from '../../web/i18n.js';
import { expireOrderJob } from '../checkout/job-contracts.js';
import { type BuyerTaxError, type CountryConflict, resolveBuyer } from '../checkout/order-tax.js';
import { findOrderItems, upsertCustomer } from '../checkout/queries.js';
import { type CheckoutTaxInput, orderStatusPath, storeBuyer } from '../checkout/start-checkout.js';
import { checkoutProvider } from '../payments/providers.js';
import { TaxError } from '../tax/categories.js';
import { ipCountryOf } from '../tax/ip-country.js';
import { loadTaxSettings } from '../tax/tax-settings.js';
import { normaliseEmail } from './access.js';
import { createPeriodOrder, recordMembershipConsent } from './period-order.js';
import { decidePeriodTax, type PeriodTax, subscriptionBuyerOf } from './period-tax.js';
import { startStripeSubscription } from './stripe-billing.js';
import { addInterval } from './subscription-rules.js';
import { findTierBySlug, tierPrice } from './tiers.js';

export type SubscribeInput = {
  tierSlug: string;
  interval: string;
  email: string;
  name: string;
  /** § 356 (4) BGB: the subscriber asked for the membership to start at once. */
  consent: boolean;
  locale: Locale;
  /**
   * Billing country, VAT ID and address as typed, plus the request's IP and
   * Accept-Language (evidence; the IP's country is looked up here). Without
   * it: a consumer in the seller's country.
   */
  tax?: CheckoutTaxInput | undefined;
};

export type SubscribeError =
  | 'tier'
  | 'interval'
  | 'consent'
  | 'provider'
  | 'already-member'
  | 'tax-unavailable'
  | BuyerTaxError;
export type SubscribeResult =
  | { kind: 'redirect'; url: string; subscriptionId: string }
  | { kind: 'error'; error: SubscribeError; conflict?: CountryConflict | undefined };

/** A member for this address (created at checkout if new); the customer row its orders belong to. */
export async function upsertMember(
  trx: Transaction<DB>,
  input: { email: string; name: string; locale: string; source: Member['source'] },
): Promise<Member> {
  const email = normaliseEmail(input.email);
  const customer = await upsertCustomer(trx, email, input.name, input.locale);
  const now = isoNow();
  await trx
    .insertInto('members')
    .values({
      id: randomUUID(),
      email,
      name: input.name,
      locale: input.locale,
      customer_id: customer.id,
      // Paid members get what they pay for by email; the free newsletter's double opt-in is separate.
      email_status: 'subscribed',
      source: input.source,
      created_at: now,
      confirmed_at: null,
      unsubscribed_at: null,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('email').doNothing())
    .execute();
  await trx
    .updateTable('members')
    .set({ customer_id: customer.id, updated_at: now })
    .where('email', '=', email)
    .where('customer_id', 'is', null)
    .execute();
  return trx.selectFrom('members').selectAll().where('email', '=', email).executeTakeFirstOrThrow();
}

/**
 * Starts a paid membership: the server prices the tier, creates the member,
 * an incomplete subscription, the first period's billing row and (test
 * provider) its pending order, then sends the subscriber to pay. The
 * subscription becomes active only when the payment is confirmed.
 */
export async function startSubscription(services: Services, input: SubscribeInput): Promise<SubscribeResult> {
  const { db } = services.database;
  const tier = await findTierBySlug(db, input.tierSlug);
  if (!tier?.active || tier.is_free || !tier.product_id) return { kind: 'error', error: 'tier' };
  if (input.interval !== 'month' && input.interval !== 'year') return { kind: 'error', error: 'interval' };
  const interval: BillingInterval = input.interval;
  const priceMinor = tierPrice(tier, interval);
  if (priceMinor === undefined) return { kind: 'error', error: 'interval' };
  if (!input.consent) return { kind: 'error', error: 'consent' };
  const productId = tier.product_id;
  const settings = await loadTaxSettings(db);
  const typed = input.tax ?? storeBuyer(settings?.country);
  const resolved = await resolveBuyer(db, settings, {
    ...typed,
    ipCountry: await ipCountryOf({ path: services.config.geoipDatabase, log: services.log }, typed.ip),
    totalMinor: priceMinor,
    currency: tier.currency,
  });
  if (!resolved.ok) return { kind: 'error', error: resolved.error, conflict: resolved.conflict };
  const buyer = subscriptionBuyerOf(resolved.value);
  let firstTax: PeriodTax;
  try {
    // Decided now for the first order (and to refuse a subscription whose VAT cannot be decided).
    const item = { productId, title: tier.name, amountMinor: priceMinor, currency: tier.currency };
    firstTax = await decidePeriodTax(db, buyer, item, isoNow());
  } catch (err) {
    if (!(err instanceof TaxError)) throw err;
    services.log.error({ err, tierId: tier.id, country: buyer.billing_country }, 'no VAT decision for a membership');
    return { kind: 'error', error: 'tax-unavailable' };
  }
  const provider = await checkoutProvider(services);

  const created = await db.transaction().execute(async (trx) => {
    const member = await upsertMember(trx, { ...input, source: 'checkout' });
    const running = await trx
      .selectFrom('subscriptions')
      .select('id')
      .where('member_id', '=', member.id)
      .where('tier_id', '=', tier.id)
      .where('status', 'in', ['active', 'past_due'])
      .executeTakeFirst();
    if (running) return undefined;
    const now = isoNow();
    const sub: Subscription = {
      id: randomUUID(),
      member_id: member.id,
      tier_id: tier.id,
      interval,
      status: 'incomplete',
      cancel_at_period_end: 0,
      price_minor: priceMinor,
      currency: tier.currency,
      provider: provider.id,
      provider_ref: null,
      current_period_start: null,
      current_period_end: null,
      access_until: null,
      failed_payments: 0,
      created_at: now,
      updated_at: now,
      canceled_at: null,
      ended_at: null,
      pending_tier_id: null,
      pending_interval: null,
      provider_customer: null,
      checkout_ref: null,
      test_renewals: 'pay',
      adopted_at: null,
      ...buyer,
    };
    await trx.insertInto('subscriptions').values(sub).execute();
    if (provider.id !== 'test') return { sub, member, order: undefined };
    // Test provider: the first period is a pending order paid on the test payment page.
    const order = (await createPeriodOrder(trx, {
      subscription: sub,
      productId,
      title: tier.name,
      amountMinor: priceMinor,
      provider: provider.id,
      providerRef: null,
      customer: { id: member.customer_id!, email: member.email, name: input.name, locale: input.locale },
      periodStart: now,
      periodEnd: addInterval(now, interval),
      tax: firstTax,
    }))!;
    await recordMembershipConsent(trx, order.id, input.locale, now);
    await trx
      .insertInto('subscription_payments')
      .values({
        id: randomUUID(),
        subscription_id: sub.id,
        period_start: now,
        period_end: addInterval(now, interval),
        amount_minor: priceMinor,
        currency: tier.currency,
        status: 'pending',
        order_id: order.id,
        provider_ref: null,
        failure_reason: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const runAt = new Date(Date.now() + services.config.orderExpiryMinutes * 60_000);
    await enqueueJob(trx, expireOrderJob, { orderId: order.id }, { runAt, uniqueKey: `expire:${order.id}` });
    return { sub, member, order };
  });
  if (!created) return { kind: 'error', error: 'already-member' };
  const { sub, member, order } = created;

  try {
    if (!order) {
      const url = await startStripeSubscription(services, { sub, member, tier, locale: input.locale });
      return { kind: 'redirect', url, subscriptionId: sub.id };
    }
    return { kind: 'redirect', url: await sendToTestProvider(services, order, sub), subscriptionId: sub.id };
  } catch (err) {
    services.log.error({ err, subscriptionId: sub.id }, 'payment provider did not start a subscription checkout');
    return { kind: 'error', error: 'provider' };
  }
}

async function sendToTestProvider(services: Services, order: Order, sub: Subscription): Promise<string> {
  const { db } = services.database;
  const provider = await checkoutProvider(services);
  const returnUrl = `${services.config.publicUrl}${orderStatusPath(order)}`;
  const session = await provider.createCheckout({
    order,
    items: await findOrderItems(db, order.id),
    returnUrl,
    cancelUrl: returnUrl,
  });
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('subscriptions')
      .set({ checkout_ref: session.providerRef, updated_at: isoNow() })
      .where('id', '=', sub.id)
      .execute();
    await recordPaymentStarted(trx, order.id, provider.id, session.providerRef);
  });
  return session.redirectUrl;
}
