import type { Order, OrderItem } from '../../db/schema.js';
import type { DisputeReport } from '../../order-core/events.js';

/** A dispute (chargeback) as the provider reports it now: open, or closed in the seller's favour or not. */
/** A chargeback as the provider reports it (the order core's type). */
export type ProviderDispute = DisputeReport;

/** A provider's fee for one payment, in the currency it was charged in, and what reached the seller. */
export type ProviderFee = {
  amountMinor: number;
  /** ISO 4217, upper case. Stripe: the balance's settlement currency, which may differ from the order's. */
  currency: string;
  /** The payment less the fee, in `currency` (converted first when the currencies differ). */
  netMinor: number;
  /** The provider's record of it (Stripe: the balance transaction). */
  ref?: string | undefined;
};

/** What a provider reports about a payment beyond its status; each part may be unknown (yet). */
export type ProviderPaymentDetails = {
  /** ISO 3166-1 alpha-2 country of the card's issuer, for card payments. */
  cardCountry?: string | undefined;
  /** Unknown until the provider has booked the payment (Stripe: its balance transaction). */
  fee?: ProviderFee | undefined;
};

/** What a provider says about a checkout when we ask it (the authoritative state). */
export type ProviderPaymentState = (
  | {
      status: 'paid';
      amountMinor: number;
      currency: string;
      orderId: string;
      /** Refunded so far, in total (undefined: the provider does not say). */
      refundedMinor?: number | undefined;
      dispute?: ProviderDispute | undefined;
      details?: ProviderPaymentDetails | undefined;
    }
  | { status: 'pending'; orderId: string }
  | { status: 'failed'; orderId: string; reason: string }
) & {
  /** The checkout reference stored on the order, when the state was looked up by another reference. */
  checkoutRef?: string | undefined;
};

/** A verified notification from the provider; the processor re-reads the state, so only the reference matters. */
export type ProviderNotification = {
  eventId: string;
  type: string;
  /** What the processor asks the provider about (a checkout session, or a payment of one). */
  providerRef: string;
};

export type CheckoutSession = { providerRef: string; redirectUrl: string };

export class InvalidSignatureError extends Error {}

/** The provider knows the payment, but it is not one of our orders (e.g. another app on the same account). */
export class UnrelatedPaymentError extends Error {}

/**
 * A payment provider: the built-in test provider or Stripe. Webhooks are
 * verified by `parseNotification`; `fetchState` is what the processor trusts.
 */
export interface PaymentProvider {
  readonly id: string;
  /** Test mode: no real money moves. */
  readonly testMode: boolean;
  createCheckout(input: {
    order: Order;
    items: OrderItem[];
    returnUrl: string;
    cancelUrl: string;
  }): Promise<CheckoutSession>;
  /**
   * Verifies the signature over the raw body; throws InvalidSignatureError.
   * Undefined: genuine, but not an event we act on (acknowledged and dropped).
   */
  parseNotification(
    rawBody: Buffer,
    headers: Record<string, string | string[] | undefined>,
  ): ProviderNotification | undefined;
  fetchState(providerRef: string): Promise<ProviderPaymentState>;
  /**
   * Whether a notification's reference is a recurring subscription rather than
   * a payment (Stripe Billing); such events go to the subscription's owner.
   */
  isSubscriptionRef?(providerRef: string): boolean;
  /** Refunds `amountMinor`; the idempotency key makes a retried call refund once. */
  refund(order: Order, amountMinor: number, idempotencyKey: string): Promise<{ refundId: string }>;
}
