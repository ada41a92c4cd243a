import type { Services } from '../../services.js';

export type RefundResult = 'ok' | 'not-found' | 'not-paid' | 'provider-error';

/**
 * Refunds a paid order in full through its provider, marks it refunded and
 * revokes every delivery (access ends). Implemented with the payment providers.
 */
export async function refundOrder(_services: Services, _orderId: string, _actor: string): Promise<RefundResult> {
  return 'provider-error';
}
