import type { Transaction } from 'kysely';
import type { DB, Member, MembershipTier, Subscription, SubscriptionStatus } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import type { Services } from '../../services.js';
import type { Locale } from '../../web/i18n.js';
import { connectedStripe } from '../payments/providers.js';
import {
  createSubscriptionCheckout,
  endSubscriptionNow,
  fetchSubscriptionSnapshot,
  type StripeSubscriptionSnapshot,
  setCancelAtPeriodEnd,
} from '../payments/stripe/stripe-billing.js';
import { queueMembershipEmail } from './membership-emails.js';
import { createPeriodOrder, uuidFromKey } from './period-order.js';
import { decideRenewalTax } from './period-tax.js';
import { addDays, GRACE_DAYS } from './subscription-rules.js';
import { findSubscription } from './subscriptions.js';
import { findTier } from './tiers.js';

const stripeOf = connectedStripe;

/** Stripe Billing: a Checkout Session in subscription mode, priced from our tier on the server. */
export async function startStripeSubscription(
  services: Services,
  input: { sub: Subscription; member: Member; tier: MembershipTier; locale: Locale },
): Promise<string> {
  const { sub, member, tier, locale } = input;
  const base = services.config.publicUrl;
  const session = await createSubscriptionCheckout(await stripeOf(services), {
    subscriptionId: sub.id,
    email: member.email,
    productName: tier.name,
    amountMinor: sub.price_minor,
    currency: sub.currency,
    interval: sub.interval,
    locale,
    successUrl: `${base}/membership/welcome`,
    cancelUrl: `${base}/membership`,
  });
  await services.database.db
    .updateTable('subscriptions')
    .set({ checkout_ref: session.sessionId, updated_at: isoNow() })
    .where('id', '=', sub.id)
    .execute();
  return session.url;
}

const iso = (unix: number | null) => (unix === null ? null : new Date(unix * 1000).toISOString());

/** Stripe's status in our terms. */
export function statusFromStripe(status: string): SubscriptionStatus {
  if (status === 'active' || status === 'trialing') return 'active';
  if (status === 'past_due' || status === 'unpaid') return 'past_due';
  if (status === 'incomplete') return 'incomplete';
  return 'expired';
}

export type SyncResult = 'synced' | 'unrelated';

/**
 * Converges our subscription with Stripe's: status, period, cancellation,
 * and one paid order per paid Stripe invoice (the billing row is UNIQUE by
 * invoice id and by period, so a repeated or reordered event adds nothing).
 */
export async function syncStripeSubscription(services: Services, stripeSubscriptionId: string): Promise<SyncResult> {
  const snapshot = await fetchSubscriptionSnapshot(await stripeOf(services), stripeSubscriptionId);
  const { db, dialect } = services.database;
  const result = await db.transaction().execute(async (trx): Promise<SyncResult> => {
    let q = trx.selectFrom('subscriptions').selectAll().where('provider', '=', 'stripe');
    q = snapshot.ourId ? q.where('id', '=', snapshot.ourId) : q.where('provider_ref', '=', snapshot.id);
    if (dialect === 'postgres') q = q.forUpdate();
    const row = await q.executeTakeFirst();
    if (!row) return 'unrelated';
    const sub = (await findSubscription(trx, row.id))!;
    await applySnapshot(trx, services, sub, snapshot);
    for (const invoice of snapshot.invoices) await applyInvoice(services, trx, sub, invoice);
    return 'synced';
  });
  services.nudgeWorker();
  return result;
}

async function applySnapshot(
  trx: Transaction<DB>,
  services: Services,
  sub: Subscription,
  s: StripeSubscriptionSnapshot,
): Promise<void> {
  const status = statusFromStripe(s.status);
  const periodEnd = iso(s.currentPeriodEnd);
  const periodStart = iso(s.currentPeriodStart);
  const endedAt = iso(s.endedAt);
  const accessUntil =
    status === 'active'
      ? periodEnd
      : // Stripe has started the unpaid period already: access runs from its start for the grace days.
        status === 'past_due' && periodStart
        ? addDays(periodStart, GRACE_DAYS)
        : status === 'expired'
          ? (endedAt ?? isoNow())
          : null;
  const next = {
    status,
    provider_ref: s.id,
    provider_customer: s.customer,
    cancel_at_period_end: s.cancelAtPeriodEnd ? 1 : 0,
    current_period_start: periodStart,
    current_period_end: periodEnd,
    // An ended subscription never gets access back from a late, older snapshot.
    access_until: sub.status === 'expired' && status === 'expired' ? sub.access_until : accessUntil,
    canceled_at: iso(s.canceledAt),
    ended_at: endedAt,
  };
  const changed = (Object.keys(next) as (keyof typeof next)[]).some((k) => sub[k] !== next[k]);
  if (!changed) return;
  await trx
    .updateTable('subscriptions')
    .set({ ...next, updated_at: isoNow() })
    .where('id', '=', sub.id)
    .execute();
  if (status === 'expired' && sub.status !== 'expired') {
    const member = await trx
      .selectFrom('members')
      .select(['email', 'locale'])
      .where('id', '=', sub.member_id)
      .executeTakeFirstOrThrow();
    await queueMembershipEmail(trx, services, member, 'membership-ended', sub, {
      reason: sub.cancel_at_period_end ? 'canceled' : 'payment',
    });
  }
}

type InvoiceSnapshot = StripeSubscriptionSnapshot['invoices'][number];

/** One billing row per Stripe invoice; a paid one becomes one paid order, however often it is seen. */
async function applyInvoice(
  services: Services,
  trx: Transaction<DB>,
  sub: Subscription,
  inv: InvoiceSnapshot,
): Promise<void> {
  if (inv.status !== 'paid' && inv.status !== 'open') return;
  const now = isoNow();
  const periodStart = iso(inv.periodStart)!;
  const paymentId = uuidFromKey(`stripe-invoice-row:${inv.id}`);
  await trx
    .insertInto('subscription_payments')
    .values({
      id: paymentId,
      subscription_id: sub.id,
      period_start: periodStart,
      period_end: iso(inv.periodEnd)!,
      amount_minor: inv.status === 'paid' ? inv.amountPaid : inv.amountDue,
      currency: inv.currency.toUpperCase(),
      status: inv.status === 'paid' ? 'paid' : 'failed',
      order_id: null,
      provider_ref: inv.id,
      attempts: 1,
      failure_reason: inv.status === 'paid' ? null : 'payment_failed',
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
  if (inv.status !== 'paid') return;
  // An open invoice that was paid later (Stripe's retry): the row turns paid once.
  await trx
    .updateTable('subscription_payments')
    .set({ status: 'paid', amount_minor: inv.amountPaid, failure_reason: null, updated_at: now })
    .where('provider_ref', '=', inv.id)
    .where('status', '=', 'failed')
    .execute();
  const row = await trx
    .selectFrom('subscription_payments')
    .select(['id', 'order_id'])
    .where('provider_ref', '=', inv.id)
    .executeTakeFirst();
  if (!row || row.order_id) return;
  // Paid to the platform the store was imported from: history, not a sale of ours (no order, no receipt).
  if (sub.adopted_at && periodStart < sub.adopted_at) return;
  const tier = await findTier(trx, sub.tier_id);
  const member = await trx
    .selectFrom('members')
    .select(['email', 'name', 'locale', 'customer_id'])
    .where('id', '=', sub.member_id)
    .executeTakeFirstOrThrow();
  if (!tier?.product_id || !member.customer_id) return;
  const orderId = uuidFromKey(`stripe-invoice:${inv.id}`);
  const currency = inv.currency.toUpperCase();
  const item = { productId: tier.product_id, title: tier.name, amountMinor: inv.amountPaid, currency };
  const order = await createPeriodOrder(trx, {
    id: orderId,
    subscription: { ...sub, currency },
    productId: tier.product_id,
    title: tier.name,
    amountMinor: inv.amountPaid,
    provider: 'stripe',
    providerRef: inv.id,
    customer: { id: member.customer_id, email: member.email, name: member.name, locale: member.locale },
    periodStart,
    periodEnd: iso(inv.periodEnd)!,
    // Each invoice's VAT with the rates valid at its period's start.
    tax: await decideRenewalTax(trx, sub, item, periodStart),
  });
  if (!order) return;
  await trx.updateTable('subscription_payments').set({ order_id: order.id }).where('id', '=', row.id).execute();
  await services.orders.markPaid(trx, order, { provider: 'stripe', invoice: inv.id, subscription: sub.id });
}

/** Cancel at period end or resume, at Stripe; the webhook that follows converges our row. */
export async function changeStripeCancellation(services: Services, sub: Subscription, cancel: boolean, key: string) {
  if (!sub.provider_ref) throw new Error('subscription is not at Stripe yet');
  await setCancelAtPeriodEnd(await stripeOf(services), sub.provider_ref, cancel, key);
  await syncStripeSubscription(services, sub.provider_ref);
}

export async function endStripeSubscriptionNow(services: Services, sub: Subscription) {
  if (!sub.provider_ref) return;
  await endSubscriptionNow(await stripeOf(services), sub.provider_ref);
  await syncStripeSubscription(services, sub.provider_ref);
}
