import { enqueueJob } from '../../jobs/queue.js';
import type { FulfilmentGate } from '../../order-core/entitlements.js';
import { refundWithdrawnOrderJob } from './job-contracts.js';

/**
 * A payment that arrives after the buyer withdrew from the contract (a slow
 * bank, an abandoned payment page finished later) is returned, not delivered.
 * A declaration still waiting for the buyer's click is not carried out yet:
 * the click refunds.
 */
export const withdrawnOrderGate: FulfilmentGate = async (trx, order) => {
  const withdrawal = await trx
    .selectFrom('withdrawals')
    .select('confirmed_at')
    .where('order_id', '=', order.id)
    .executeTakeFirst();
  if (!withdrawal?.confirmed_at) return 'go';
  await enqueueJob(trx, refundWithdrawnOrderJob, { orderId: order.id }, { uniqueKey: `withdrawn-refund:${order.id}` });
  return 'hold';
};
