import type { Services } from '../../services.js';
import { refundOrder } from '../payments/refund-order.js';
import { findWithdrawal } from './withdrawal-queries.js';

/**
 * A payment that arrives after the buyer withdrew from the contract (a slow
 * bank, an abandoned payment page finished later) is returned, not delivered.
 * Returns true when the order was withdrawn (and the withdrawal carried out),
 * so fulfilment must stop.
 */
export async function refundIfWithdrawn(services: Services, orderId: string): Promise<boolean> {
  const { db } = services.database;
  const withdrawal = await findWithdrawal(db, orderId);
  // A declaration still waiting for the buyer's click is not carried out yet: the click refunds.
  if (!withdrawal?.confirmed_at) return false;
  const result = await refundOrder(services, orderId, 'withdrawal');
  if (result === 'provider-error') throw new Error('refund after a withdrawal failed at the provider; retrying');
  await db.updateTable('withdrawals').set({ refund: 'refunded' }).where('order_id', '=', orderId).execute();
  return true;
}
