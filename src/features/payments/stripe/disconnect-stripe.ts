import type { Services } from '../../../services.js';
import { recordAudit } from '../../admin/audit.js';
import { removeStripeKeys } from './stripe-settings.js';

/**
 * Forgets the Stripe keys: new checkouts go through the built-in test
 * provider again. Existing Stripe orders keep their state; their webhooks are
 * answered 503 (Stripe retries) until keys are saved again.
 */
export async function disconnectStripe({ services, actor }: { services: Services; actor: string }): Promise<void> {
  await removeStripeKeys(services.database.db);
  await recordAudit(services.database.db, actor, 'payments.stripe.removed');
}
