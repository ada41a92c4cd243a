import type { Services } from '../../services.js';
import type { ProviderPaymentState } from '../payments/provider.js';
import { markOrderFailed, markOrderPaid } from './order-transitions.js';

export type ApplyResult = 'paid' | 'failed' | 'unchanged' | 'mismatch' | 'unknown-order';

/**
 * Converges our order with the provider's authoritative state; running it
 * again, or with states arriving out of order, gives the same result.
 */
export async function applyPaymentState(
  services: Services,
  providerId: string,
  providerRef: string,
  state: ProviderPaymentState,
): Promise<ApplyResult> {
  const { db } = services.database;
  const result = await db.transaction().execute(async (trx): Promise<ApplyResult> => {
    const order = await trx.selectFrom('orders').selectAll().where('id', '=', state.orderId).executeTakeFirst();
    if (!order || order.provider !== providerId || order.provider_ref !== providerRef) return 'unknown-order';
    if (state.status === 'pending') return 'unchanged';
    if (state.status === 'failed') return (await markOrderFailed(trx, order.id, state.reason)) ? 'failed' : 'unchanged';
    if (state.currency !== order.currency || state.amountMinor < order.total_minor) {
      services.log.error({ orderId: order.id, state }, 'paid amount does not match the order');
      return 'mismatch';
    }
    const detail = { provider: providerId, ref: providerRef, amountMinor: state.amountMinor };
    return (await markOrderPaid(trx, order, detail)) ? 'paid' : 'unchanged';
  });
  if (result === 'paid') services.nudgeWorker();
  return result;
}
