import type Stripe from 'stripe';
import { uuidFromKey } from '../../memberships/period-order.js';
import { type ProviderPaymentState, UnrelatedPaymentError } from '../provider.js';
import { CHARGE_WITH_FEE, detailsOfCharge } from './charge-details.js';
import { disputeOf } from './session-state.js';

/**
 * A membership period paid through a Stripe invoice: its order stores the
 * invoice id (`in_…`) where a one-off order stores its Checkout Session. The
 * invoice's payment intent (through its invoice payments) is what refunds
 * and disputes touch, and its charge carries the card country and fee; the
 * order is the one made from that invoice.
 */
export async function paymentIntentOfInvoice(stripe: Stripe, invoiceId: string): Promise<string | undefined> {
  const payments = await stripe.invoicePayments.list({ invoice: invoiceId, status: 'paid', limit: 10 });
  for (const p of payments.data) {
    const pi = p.payment.payment_intent;
    if (pi) return typeof pi === 'string' ? pi : pi.id;
  }
  return undefined;
}

/** The invoice a subscription's payment intent paid, if any. */
export async function invoiceOfPaymentIntent(stripe: Stripe, paymentIntentId: string): Promise<string | undefined> {
  const payments = await stripe.invoicePayments.list({
    payment: { type: 'payment_intent', payment_intent: paymentIntentId },
    limit: 1,
  });
  const inv = payments.data[0]?.invoice;
  return inv ? (typeof inv === 'string' ? inv : inv.id) : undefined;
}

/** The state of an invoice's payment (with its charge's refunds and dispute), pointed at the invoice's order. */
export async function stateOfInvoice(stripe: Stripe, invoiceId: string): Promise<ProviderPaymentState> {
  const invoice = await stripe.invoices.retrieve(invoiceId);
  const parent = invoice.parent as { subscription_details?: { metadata?: Record<string, string> | null } } | null;
  if (!parent?.subscription_details?.metadata?.subscription_id)
    throw new UnrelatedPaymentError(`invoice ${invoiceId} is not of a subscription of ours`);
  // The id under which syncStripeSubscription made the period's order.
  const orderId = uuidFromKey(`stripe-invoice:${invoiceId}`);
  const checkoutRef = invoiceId;
  if (invoice.status !== 'paid') return { status: 'pending', orderId, checkoutRef };
  const pi = await paymentIntentOfInvoice(stripe, invoiceId);
  const intent = pi ? await stripe.paymentIntents.retrieve(pi, { expand: [CHARGE_WITH_FEE] }) : undefined;
  const charge = intent && typeof intent.latest_charge === 'object' ? intent.latest_charge : null;
  const dispute = charge?.disputed ? (await stripe.disputes.list({ charge: charge.id, limit: 1 })).data[0] : undefined;
  const details = detailsOfCharge(charge);
  return {
    status: 'paid',
    amountMinor: invoice.amount_paid,
    currency: invoice.currency.toUpperCase(),
    orderId,
    refundedMinor: charge ? charge.amount_refunded : undefined,
    dispute: dispute ? disputeOf(dispute) : undefined,
    checkoutRef,
    ...(details ? { details } : {}),
  };
}
