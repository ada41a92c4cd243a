import type { Services } from '../../services.js';
import type { PaymentProvider } from './provider.js';
import { TestPaymentProvider, testWebhookSecret } from './test-provider.js';

/** The provider by id, as stored on an order ('test'; Stripe joins here). */
export function paymentProvider(services: Services, id: string): PaymentProvider | undefined {
  if (id === 'test')
    return new TestPaymentProvider(services.database.db, testWebhookSecret(services.config.sessionSecret));
  return undefined;
}

/** The provider new checkouts go through. Without a configured real provider, TEST MODE. */
export function checkoutProvider(services: Services): PaymentProvider {
  return paymentProvider(services, 'test')!;
}

export function isTestMode(_services: Services): boolean {
  return true;
}
