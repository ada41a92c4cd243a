import type { Order, OrderItem } from '../../db/schema.js';

/** What a provider says about a checkout when we ask it (the authoritative state). */
export type ProviderPaymentState =
  | { status: 'paid'; amountMinor: number; currency: string; orderId: string }
  | { status: 'pending'; orderId: string }
  | { status: 'failed'; orderId: string; reason: string };

/** A verified notification from the provider; the processor re-reads the state, so only the reference matters. */
export type ProviderNotification = {
  eventId: string;
  type: string;
  /** The provider's checkout/session id the event is about. */
  providerRef: string;
};

export type CheckoutSession = { providerRef: string; redirectUrl: string };

export class InvalidSignatureError extends Error {}

/**
 * A payment provider: the test provider now, Stripe next. Webhooks are
 * verified by `parseNotification`; `fetchState` is what the processor trusts.
 */
export interface PaymentProvider {
  readonly id: string;
  createCheckout(input: {
    order: Order;
    items: OrderItem[];
    returnUrl: string;
    cancelUrl: string;
  }): Promise<CheckoutSession>;
  /** Verifies the signature over the raw body; throws InvalidSignatureError. */
  parseNotification(rawBody: Buffer, headers: Record<string, string | string[] | undefined>): ProviderNotification;
  fetchState(providerRef: string): Promise<ProviderPaymentState>;
  /** Refunds `amountMinor`; the idempotency key makes a retried call refund once. */
  refund(order: Order, amountMinor: number, idempotencyKey: string): Promise<{ refundId: string }>;
}
