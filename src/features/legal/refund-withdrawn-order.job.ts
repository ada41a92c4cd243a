import { handleJob } from '../../jobs/define.js';
import { refundOrder } from '../payments/refund-order.js';
import { refundWithdrawnOrderJob } from './job-contracts.js';

/** Enqueued by the withdrawal gate instead of fulfilment: the money goes back, the withdrawal records it. */
export const refundWithdrawnOrderHandler = handleJob(refundWithdrawnOrderJob, async ({ orderId }, { db, services }) => {
  const result = await refundOrder(services, orderId, 'withdrawal');
  if (result === 'provider-error') throw new Error('refund after a withdrawal failed at the provider; retrying');
  await db.updateTable('withdrawals').set({ refund: 'refunded' }).where('order_id', '=', orderId).execute();
});
