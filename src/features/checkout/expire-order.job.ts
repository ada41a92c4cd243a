import { handleJob } from '../../jobs/define.js';
import { expireOrderJob } from './job-contracts.js';

/** Enqueued with every order for its expiry time; a paid order is left alone. */
export const expireOrderHandler = handleJob(expireOrderJob, async ({ orderId }, { db, services }) => {
  await db.transaction().execute(async (trx) => {
    const order = await trx.selectFrom('orders').selectAll().where('id', '=', orderId).executeTakeFirst();
    if (order && (order.status === 'pending' || order.status === 'failed')) await services.orders.expire(trx, order);
  });
});
