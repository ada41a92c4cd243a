import { handleJob } from '../jobs/define.js';
import { fulfilOrderJob } from './job-contracts.js';
import { recordOrderEvent } from './timeline.js';

/**
 * Order paid → every registered entitlement granted, then `fulfilled` (whose
 * subscribers queue the invoice and the receipt). Runs again safely after a
 * crash: each entitlement is guarded by the database (one delivery per item,
 * one licence key per unit, one activation per subscription payment) and the
 * after-commit jobs by their unique keys. A fulfilment gate may hold the
 * order instead (the buyer withdrew before paying: the money goes back).
 */
export const fulfilOrderHandler = handleJob(fulfilOrderJob, async ({ orderId }, { db, services }) => {
  const core = services.orders;
  const limit = services.config.downloadLimit > 0 ? services.config.downloadLimit : null;
  await db.transaction().execute(async (trx) => {
    const order = await trx.selectFrom('orders').selectAll().where('id', '=', orderId).executeTakeFirst();
    if (order?.status !== 'paid') return; // refunded before delivery, or gone: nothing to deliver
    for (const gate of core.parts.gates) if ((await gate(trx, order)) === 'hold') return;
    const items = await trx.selectFrom('order_items').selectAll().where('order_id', '=', orderId).execute();
    const granted: Record<string, number> = {};
    for (const e of core.parts.entitlements) {
      const n = await e.grant(trx, { order, items, downloadLimit: limit });
      if (e.timelineKey && n > 0) granted[e.timelineKey] = n;
    }
    if (Object.keys(granted).length > 0) await recordOrderEvent(trx, orderId, 'delivered', granted);
    // Announced on every run: what it starts is queued under unique keys, so a rerun adds nothing.
    await core.emit(trx, { type: 'fulfilled', order });
  });
  services.nudgeWorker();
});
