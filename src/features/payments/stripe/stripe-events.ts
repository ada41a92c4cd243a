import type Stripe from 'stripe';
import { orderIdOf } from './session-state.js';
import { subscriptionRefOf } from './stripe-billing.js';

/**
 * The Stripe events we act on, and the object each one makes us look at.
 * Every other type is acknowledged and dropped. Billing events (memberships)
 * point at the subscription (`sub_…`), which the processor re-reads.
 */
const REFERENCE_OF: Record<string, (object: Record<string, unknown>) => string | undefined> = {
  'checkout.session.completed': (o) => sessionRef(o) ?? subscriptionRefOf(o),
  'checkout.session.async_payment_succeeded': sessionRef,
  'checkout.session.async_payment_failed': sessionRef,
  'charge.refunded': paymentIntentRef,
  // Among others: the charge's balance transaction (Stripe's fee) became available after the payment.
  'charge.updated': (o) => (o.balance_transaction ? paymentIntentRef(o) : undefined),
  'charge.dispute.created': paymentIntentRef,
  'charge.dispute.updated': paymentIntentRef,
  'charge.dispute.closed': paymentIntentRef,
  'customer.subscription.created': subscriptionRefOf,
  'customer.subscription.updated': subscriptionRefOf,
  'customer.subscription.deleted': subscriptionRefOf,
  'invoice.paid': subscriptionRefOf,
  'invoice.payment_failed': subscriptionRefOf,
};

export const STRIPE_EVENT_TYPES = Object.keys(REFERENCE_OF);

/** A one-off payment session of ours: the session id. Another app's sessions are not our business. */
function sessionRef(object: Record<string, unknown>): string | undefined {
  const session = object as unknown as Stripe.Checkout.Session;
  if (session.mode !== 'payment' || !orderIdOf(session)) return undefined;
  return typeof session.id === 'string' ? session.id : undefined;
}

/** Charges, refunds and disputes point at the payment intent; the processor finds its session from there. */
function paymentIntentRef(object: Record<string, unknown>): string | undefined {
  const pi = object.payment_intent;
  if (typeof pi === 'string') return pi;
  if (pi && typeof pi === 'object' && typeof (pi as { id?: unknown }).id === 'string') return (pi as { id: string }).id;
  return undefined;
}

/** What the processor should re-read for this event, or undefined when we ignore it. */
export function referenceOf(event: Pick<Stripe.Event, 'type' | 'data'>): string | undefined {
  const find = REFERENCE_OF[event.type];
  const object = event.data?.object as unknown as Record<string, unknown> | undefined;
  return find && object ? find(object) : undefined;
}
