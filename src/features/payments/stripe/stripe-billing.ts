import type Stripe from 'stripe';

/**
 * Stripe Billing as memberships need it, in Stripe's terms: start a
 * subscription through Checkout, read a subscription with its invoices (the
 * authoritative state the processor converges to), cancel at period end,
 * resume, or end it now. Prices come from our tier (price_data), never from
 * a price stored at Stripe.
 */
export type SubscriptionCheckoutInput = {
  subscriptionId: string;
  email: string;
  productName: string;
  amountMinor: number;
  currency: string;
  interval: 'month' | 'year';
  locale: 'en' | 'de';
  successUrl: string;
  cancelUrl: string;
};

/** What we read back from Stripe about one subscription. */
export type StripeSubscriptionSnapshot = {
  id: string;
  /** Our subscription id, from the metadata we set at checkout. */
  ourId: string | undefined;
  status: string;
  customer: string | null;
  cancelAtPeriodEnd: boolean;
  currentPeriodStart: number | null;
  currentPeriodEnd: number | null;
  canceledAt: number | null;
  endedAt: number | null;
  invoices: {
    id: string;
    status: string;
    amountPaid: number;
    amountDue: number;
    currency: string;
    periodStart: number;
    periodEnd: number;
  }[];
};

export async function createSubscriptionCheckout(stripe: Stripe, input: SubscriptionCheckoutInput) {
  const metadata = { subscription_id: input.subscriptionId };
  const session = await stripe.checkout.sessions.create(
    {
      mode: 'subscription',
      line_items: [
        {
          quantity: 1,
          price_data: {
            currency: input.currency.toLowerCase(),
            unit_amount: input.amountMinor,
            recurring: { interval: input.interval },
            product_data: { name: input.productName },
          },
        },
      ],
      customer_email: input.email,
      client_reference_id: input.subscriptionId,
      metadata,
      subscription_data: { metadata },
      locale: input.locale,
      success_url: input.successUrl,
      cancel_url: input.cancelUrl,
    },
    { idempotencyKey: `subscription-checkout:${input.subscriptionId}` },
  );
  if (!session.url) throw new Error(`Stripe returned session ${session.id} without a URL`);
  return { sessionId: session.id, url: session.url };
}

const idOf = (v: unknown): string | null =>
  typeof v === 'string' ? v : v && typeof v === 'object' && 'id' in v ? String((v as { id: unknown }).id) : null;

export async function fetchSubscriptionSnapshot(stripe: Stripe, id: string): Promise<StripeSubscriptionSnapshot> {
  const sub = await stripe.subscriptions.retrieve(id);
  const invoices = await stripe.invoices.list({ subscription: id, limit: 100 });
  const item = sub.items.data[0];
  return {
    id: sub.id,
    ourId: sub.metadata?.subscription_id,
    status: sub.status,
    customer: idOf(sub.customer),
    cancelAtPeriodEnd: sub.cancel_at_period_end,
    currentPeriodStart: item?.current_period_start ?? null,
    currentPeriodEnd: item?.current_period_end ?? null,
    canceledAt: sub.canceled_at ?? null,
    endedAt: sub.ended_at ?? null,
    invoices: invoices.data.map((inv) => {
      const period = inv.lines.data[0]?.period;
      return {
        id: inv.id ?? '',
        status: inv.status ?? 'draft',
        amountPaid: inv.amount_paid,
        amountDue: inv.amount_due,
        currency: inv.currency,
        periodStart: period?.start ?? inv.period_start,
        periodEnd: period?.end ?? inv.period_end,
      };
    }),
  };
}

/** Cancel at period end (true) or resume (false); keyed so a retried click changes it once. */
export async function setCancelAtPeriodEnd(stripe: Stripe, id: string, cancel: boolean, idempotencyKey: string) {
  await stripe.subscriptions.update(id, { cancel_at_period_end: cancel }, { idempotencyKey });
}

export async function endSubscriptionNow(stripe: Stripe, id: string) {
  await stripe.subscriptions.cancel(id);
}

/** The subscription a Billing event is about: a subscription's own id, or the one an invoice belongs to. */
export function subscriptionRefOf(object: Record<string, unknown>): string | undefined {
  if (object.object === 'subscription') {
    const meta = object.metadata as Record<string, unknown> | undefined;
    return typeof object.id === 'string' && meta?.subscription_id ? object.id : undefined;
  }
  if (object.object === 'invoice') {
    const parent = object.parent as { subscription_details?: { subscription?: unknown } } | null | undefined;
    return idOf(parent?.subscription_details?.subscription) ?? idOf(object.subscription) ?? undefined;
  }
  if (object.object === 'checkout.session') {
    const meta = object.metadata as Record<string, unknown> | undefined;
    return object.mode === 'subscription' && meta?.subscription_id
      ? (idOf(object.subscription) ?? undefined)
      : undefined;
  }
  return undefined;
}

/** A subscription checkout: the subscription it made, and whether it expired unpaid (never will make one). */
export async function subscriptionCheckoutState(stripe: Stripe, sessionId: string) {
  const session = await stripe.checkout.sessions.retrieve(sessionId);
  return { subscription: idOf(session.subscription) ?? undefined, expired: session.status === 'expired' };
}
