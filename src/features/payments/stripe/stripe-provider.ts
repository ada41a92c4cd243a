import type Stripe from 'stripe';
import type { Order } from '../../../db/schema.js';
import {
  type CheckoutSession,
  InvalidSignatureError,
  type PaymentProvider,
  type ProviderNotification,
  type ProviderPaymentState,
  UnrelatedPaymentError,
} from '../provider.js';
import { CHARGE_WITH_FEE } from './charge-details.js';
import { invoiceOfPaymentIntent, paymentIntentOfInvoice, stateOfInvoice } from './invoice-state.js';
import { checkoutExpiresAt, lineItemsFor } from './line-items.js';
import { stateOfSession } from './session-state.js';
import { constructStripeEvent, stripeClient } from './stripe-client.js';
import { referenceOf } from './stripe-events.js';
import { isLiveKey, type StripeKeys } from './stripe-settings.js';

/** How old a signed webhook may be (Stripe's own default): a replayed old delivery is refused. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;
export const STRIPE_SIGNATURE_HEADER = 'stripe-signature';
// The charge with its balance transaction: card country and fee come with the payment state.
const EXPAND_SESSION = [`payment_intent.${CHARGE_WITH_FEE}`];

export type StripeProviderOptions = {
  /** A local stand-in's URL in tests; Stripe's servers otherwise. */
  apiBase?: string | undefined;
  orderExpiryMinutes: number;
};

/**
 * Stripe Checkout. Prices come from our order (price_data), the payment
 * methods from the Stripe account's settings. Every state we act on is read
 * back from Stripe: the session, its payment intent's latest charge (with
 * its balance transaction: the fee) and, if disputed, the dispute.
 */
export class StripePaymentProvider implements PaymentProvider {
  readonly id = 'stripe';
  readonly testMode: boolean;

  constructor(
    private readonly keys: StripeKeys,
    private readonly opts: StripeProviderOptions,
  ) {
    this.testMode = !isLiveKey(keys.secretKey);
  }

  /** The SDK client, for Stripe Billing (memberships: stripe-billing.ts). */
  get client(): Stripe {
    return this.stripe;
  }

  private get stripe(): Stripe {
    return stripeClient(this.keys.secretKey, this.opts.apiBase);
  }

  async createCheckout({
    order,
    items,
    returnUrl,
    cancelUrl,
  }: Parameters<PaymentProvider['createCheckout']>[0]): Promise<CheckoutSession> {
    const metadata = { order_id: order.id, order_number: order.number };
    const session = await this.stripe.checkout.sessions.create(
      {
        mode: 'payment',
        line_items: lineItemsFor(order, items),
        customer_email: order.email,
        client_reference_id: order.id,
        metadata,
        payment_intent_data: { metadata },
        locale: order.locale === 'de' ? 'de' : 'en',
        success_url: returnUrl,
        cancel_url: cancelUrl,
        expires_at: checkoutExpiresAt(Date.now(), this.opts.orderExpiryMinutes),
      },
      // One session per order, however often the start is retried.
      { idempotencyKey: `checkout:${order.id}` },
    );
    if (!session.url) throw new Error(`Stripe returned session ${session.id} without a URL`);
    return { providerRef: session.id, redirectUrl: session.url };
  }

  parseNotification(
    rawBody: Buffer,
    headers: Record<string, string | string[] | undefined>,
  ): ProviderNotification | undefined {
    const header = headers[STRIPE_SIGNATURE_HEADER];
    const signature = Array.isArray(header) ? header[0] : header;
    if (!signature) throw new InvalidSignatureError('missing Stripe-Signature header');
    let event: Stripe.Event;
    try {
      event = constructStripeEvent(rawBody, signature, this.keys.webhookSecret, WEBHOOK_TOLERANCE_SECONDS);
    } catch (err) {
      throw new InvalidSignatureError((err as Error).message);
    }
    const providerRef = referenceOf(event);
    return providerRef ? { eventId: event.id, type: event.type, providerRef } : undefined;
  }

  /**
   * `cs_…`: a session of ours; `in_…`: a membership period's invoice;
   * `pi_…`: the payment of either (refunds and disputes point there).
   */
  isSubscriptionRef(providerRef: string): boolean {
    return providerRef.startsWith('sub_');
  }

  async fetchState(providerRef: string): Promise<ProviderPaymentState> {
    if (providerRef.startsWith('in_')) return stateOfInvoice(this.stripe, providerRef);
    const session = providerRef.startsWith('pi_')
      ? await this.sessionOfPayment(providerRef)
      : await this.stripe.checkout.sessions.retrieve(providerRef, { expand: EXPAND_SESSION });
    if (!session) {
      // No session paid it: a subscription's invoice may have.
      const invoice = await invoiceOfPaymentIntent(this.stripe, providerRef);
      if (!invoice) throw new UnrelatedPaymentError(`no Checkout Session or invoice for ${providerRef}`);
      return stateOfInvoice(this.stripe, invoice);
    }
    const intent = typeof session.payment_intent === 'object' ? session.payment_intent : null;
    const charge = intent && typeof intent.latest_charge === 'object' ? intent.latest_charge : null;
    const dispute = charge?.disputed
      ? (await this.stripe.disputes.list({ charge: charge.id, limit: 1 })).data[0]
      : undefined;
    return stateOfSession(session, dispute);
  }

  private async sessionOfPayment(paymentIntentId: string): Promise<Stripe.Checkout.Session | undefined> {
    const list = await this.stripe.checkout.sessions.list({
      payment_intent: paymentIntentId,
      limit: 1,
      expand: EXPAND_SESSION.map((p) => `data.${p}`),
    });
    return list.data[0];
  }

  async refund(order: Order, amountMinor: number, idempotencyKey: string): Promise<{ refundId: string }> {
    if (!order.provider_ref) throw new Error('order has no Stripe session');
    const paymentIntent = await this.paymentIntentOf(order.provider_ref);
    if (!paymentIntent) throw new Error(`${order.provider_ref} has no payment to refund`);
    const refund = await this.stripe.refunds.create(
      { payment_intent: paymentIntent, amount: amountMinor, metadata: { order_id: order.id } },
      { idempotencyKey },
    );
    return { refundId: refund.id };
  }

  /** The payment of an order's reference: a Checkout Session's, or a membership invoice's. */
  private async paymentIntentOf(ref: string): Promise<string | undefined> {
    if (ref.startsWith('in_')) return paymentIntentOfInvoice(this.stripe, ref);
    const intent = (await this.stripe.checkout.sessions.retrieve(ref)).payment_intent;
    return typeof intent === 'string' ? intent : intent?.id;
  }
}
