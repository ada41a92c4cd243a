import { createRequire } from 'node:module';
import type Stripe from 'stripe';

/** The SDK (about 20 MB of memory) is loaded when Stripe is first used, not at start. */
let sdk: typeof Stripe | undefined;
function stripeSdk(): typeof Stripe {
  sdk ??= createRequire(import.meta.url)('stripe') as typeof Stripe;
  return sdk;
}

/** An SDK client per key (and API base), reused so its connections are kept alive. */
const clients = new Map<string, Stripe>();

/**
 * The official SDK. `apiBase` points it at a local stand-in (tests only); by
 * default it talks to api.stripe.com. Writes carry idempotency keys, so the
 * SDK's own retries of network errors are safe.
 */
export function stripeClient(secretKey: string, apiBase?: string): Stripe {
  const id = `${apiBase ?? ''} ${secretKey}`;
  const known = clients.get(id);
  if (known) return known;
  const config: Stripe.StripeConfig = {
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
    appInfo: { name: 'Vielfach' },
  };
  if (apiBase) {
    const url = new URL(apiBase);
    config.host = url.hostname;
    config.port = url.port || (url.protocol === 'https:' ? '443' : '80');
    config.protocol = url.protocol === 'https:' ? 'https' : 'http';
  }
  const SDK = stripeSdk();
  const client = new SDK(secretKey, config);
  if (clients.size > 20) clients.clear();
  clients.set(id, client);
  return client;
}

/** Verifies a webhook offline with the SDK: HMAC over the raw body, timestamp within `toleranceSeconds`. */
export function constructStripeEvent(
  rawBody: Buffer,
  signature: string,
  webhookSecret: string,
  toleranceSeconds: number,
): Stripe.Event {
  return stripeSdk().webhooks.constructEvent(rawBody, signature, webhookSecret, toleranceSeconds);
}

export type { Stripe };
