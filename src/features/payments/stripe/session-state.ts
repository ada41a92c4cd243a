import type Stripe from 'stripe';
import { type ProviderDispute, type ProviderPaymentState, UnrelatedPaymentError } from '../provider.js';
import { detailsOfCharge } from './charge-details.js';

/** Dispute states that still hold the money back; `warning_*` are inquiries that may become disputes. */
const OPEN_DISPUTE = new Set([
  'warning_needs_response',
  'warning_under_review',
  'needs_response',
  'under_review',
  'appeal_needs_response',
  'appeal_under_review',
]);

/** Closed in the seller's favour, or never became a dispute ('prevented' comes with a refund, seen as one). */
const NO_LONGER_DISPUTED = new Set(['won', 'warning_closed', 'prevented']);

export function disputeOf(d: Stripe.Dispute): ProviderDispute {
  const status = OPEN_DISPUTE.has(d.status)
    ? 'open'
    : NO_LONGER_DISPUTED.has(d.status)
      ? 'won'
      : d.status === 'lost'
        ? 'lost'
        : 'open'; // an unknown new status: keep access revoked until Stripe says otherwise
  return { id: d.id, status, amountMinor: d.amount, reason: d.reason };
}

/** Our order id: set as metadata and client reference when the session was made. */
export function orderIdOf(session: Pick<Stripe.Checkout.Session, 'metadata' | 'client_reference_id'>) {
  return session.metadata?.order_id ?? session.client_reference_id ?? undefined;
}

function expanded<T extends { id: string }>(v: string | T | null | undefined): T | undefined {
  return v && typeof v === 'object' ? v : undefined;
}

/**
 * The authoritative state of an order's payment, from the Checkout Session
 * (with payment_intent.latest_charge and its balance transaction expanded)
 * and the charge's dispute; the card country and fee when Stripe has them.
 * Pure: the same objects always give the same state, whatever the order of
 * the events that made us look.
 */
export function stateOfSession(session: Stripe.Checkout.Session, dispute?: Stripe.Dispute): ProviderPaymentState {
  const orderId = orderIdOf(session);
  if (!orderId || session.mode !== 'payment') throw new UnrelatedPaymentError(`session ${session.id} is not ours`);
  const intent = expanded<Stripe.PaymentIntent>(session.payment_intent);
  const charge = expanded<Stripe.Charge>(intent?.latest_charge);
  const checkoutRef = session.id;
  if (session.payment_status === 'paid' || session.payment_status === 'no_payment_required') {
    const details = detailsOfCharge(charge);
    return {
      status: 'paid',
      amountMinor: session.amount_total ?? 0,
      currency: (session.currency ?? '').toUpperCase(),
      orderId,
      refundedMinor: charge ? charge.amount_refunded : undefined,
      dispute: dispute ? disputeOf(dispute) : undefined,
      checkoutRef,
      ...(details ? { details } : {}),
    };
  }
  // The buyer finished the checkout, but a delayed method (SEPA debit, …) failed afterwards.
  const failedLater =
    session.status === 'complete' &&
    (intent?.status === 'requires_payment_method' || intent?.status === 'canceled' || charge?.status === 'failed');
  if (failedLater) {
    const reason = charge?.failure_code ?? intent?.last_payment_error?.code ?? 'async_payment_failed';
    return { status: 'failed', orderId, reason, checkoutRef };
  }
  // Open, processing, or expired unpaid (our own expiry job ends such orders).
  return { status: 'pending', orderId, checkoutRef };
}
