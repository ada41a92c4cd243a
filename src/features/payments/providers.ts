import type Stripe from 'stripe';
import type { Services } from '../../services.js';
import type { PaymentProvider } from './provider.js';
import { StripePaymentProvider } from './stripe/stripe-provider.js';
import { loadStripeSettings } from './stripe/stripe-settings.js';
import { TestPaymentProvider, testWebhookSecret } from './test-provider.js';

/** Stripe orders exist, but Stripe cannot be used now (keys removed, or unreadable with this SECRETS_KEY). */
export class ProviderUnavailableError extends Error {}

/** Stands in for a configured provider that cannot work: every call fails, nothing falls back to test payments. */
class UnavailableProvider implements PaymentProvider {
  readonly testMode = false;
  constructor(
    readonly id: string,
    private readonly why: string,
  ) {}
  private fail(): never {
    throw new ProviderUnavailableError(`${this.id}: ${this.why}`);
  }
  createCheckout = async () => this.fail();
  parseNotification = () => this.fail();
  fetchState = async () => this.fail();
  refund = async () => this.fail();
}

/** The provider by id, as stored on an order ('test' or 'stripe'). */
export async function paymentProvider(services: Services, id: string): Promise<PaymentProvider | undefined> {
  const { config, database } = services;
  if (id === 'test') return new TestPaymentProvider(database.db, testWebhookSecret(config.sessionSecret));
  if (id !== 'stripe') return undefined;
  const stripe = await loadStripeSettings(database.db, config);
  if (stripe.kind === 'ok')
    return new StripePaymentProvider(stripe.keys, {
      apiBase: config.stripeApiBase,
      orderExpiryMinutes: config.orderExpiryMinutes,
    });
  return new UnavailableProvider(id, stripe.kind === 'unreadable' ? 'stored keys unreadable' : 'not connected');
}

/**
 * The Stripe SDK client of the connected account, for Stripe Billing
 * (memberships); ProviderUnavailableError when Stripe is not connected or its
 * keys cannot be read.
 */
export async function connectedStripe(services: Services): Promise<Stripe> {
  const p = await paymentProvider(services, 'stripe');
  if (!(p instanceof StripePaymentProvider)) throw new ProviderUnavailableError('stripe: not connected');
  return p.client;
}

/** Renewals of test-mode memberships: the test provider charges the member's saved test card off-session. */
export function testOffSessionCharges(services: Services): Pick<TestPaymentProvider, 'chargeOffSession'> {
  return new TestPaymentProvider(services.database.db, testWebhookSecret(services.config.sessionSecret));
}

/**
 * The provider new checkouts go through: Stripe once its keys are saved,
 * otherwise the built-in test provider (TEST MODE). Keys that are stored but
 * cannot be opened stop checkouts instead of silently taking test payments.
 */
export async function checkoutProvider(services: Services): Promise<PaymentProvider> {
  const stripe = await loadStripeSettings(services.database.db, services.config);
  if (stripe.kind === 'none') return (await paymentProvider(services, 'test'))!;
  return (await paymentProvider(services, 'stripe'))!;
}

export type PaymentMode = {
  provider: 'test' | 'stripe';
  /** Real money moves. */
  live: boolean;
  /** Stripe keys are stored but cannot be read: checkouts are refused. */
  broken: boolean;
};

export async function paymentMode(services: Services): Promise<PaymentMode> {
  const stripe = await loadStripeSettings(services.database.db, services.config);
  if (stripe.kind === 'none') return { provider: 'test', live: false, broken: false };
  if (stripe.kind === 'unreadable') return { provider: 'stripe', live: false, broken: true };
  return { provider: 'stripe', live: stripe.live, broken: false };
}

/** Buyers see a TEST MODE banner: the test provider, or Stripe with test keys. */
export async function isTestMode(services: Services): Promise<boolean> {
  const mode = await paymentMode(services);
  return !mode.live && !mode.broken;
}
