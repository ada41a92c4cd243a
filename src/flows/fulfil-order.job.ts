import { randomUUID } from 'node:crypto';
import { isoNow } from '../db/time.js';
import { recordOrderEvent } from '../features/checkout/order-events.js';
import { queueReceiptEmail } from '../features/checkout/receipt.js';
import { issueInvoiceJob } from '../features/invoices/job-contracts.js';
import { refundIfWithdrawn } from '../features/legal/refund-late-payment.js';
import { issueLicenseKeys } from '../features/licensing/issue-license-keys.js';
import { activateSubscriptionForOrder } from '../features/memberships/activate-subscription.js';
import { handleJob } from '../jobs/define.js';
import { enqueueJob } from '../jobs/queue.js';
import { fulfilOrderJob } from './job-contracts.js';

/**
 * Order paid → deliveries + licence keys + receipt. Runs again safely after a
 * crash: UNIQUE(order_item_id) keeps one delivery per item,
 * UNIQUE(order_item_id, unit_index) one licence key per unit, and the receipt
 * is queued under a unique key.
 */
export const fulfilOrderHandler = handleJob(fulfilOrderJob, async ({ orderId }, { db, services }) => {
  const order = await db.selectFrom('orders').selectAll().where('id', '=', orderId).executeTakeFirst();
  if (order?.status !== 'paid') return; // refunded before delivery, or gone: nothing to deliver
  if (await refundIfWithdrawn(services, orderId)) return; // paid after the buyer withdrew: money back, no delivery
  const limit = services.config.downloadLimit > 0 ? services.config.downloadLimit : null;
  await db.transaction().execute(async (trx) => {
    const items = await trx.selectFrom('order_items').selectAll().where('order_id', '=', orderId).execute();
    let created = 0;
    for (const item of items) {
      const r = await trx
        .insertInto('deliveries')
        .values({
          id: randomUUID(),
          order_item_id: item.id,
          order_id: orderId,
          product_id: item.product_id,
          download_limit: limit,
          created_at: isoNow(),
          revoked_at: null,
        })
        .onConflict((oc) => oc.column('order_item_id').doNothing())
        .executeTakeFirst();
      created += Number(r.numInsertedOrUpdatedRows ?? 0);
    }
    const licenseKeys = await issueLicenseKeys(trx, orderId);
    // A membership's first period: the subscription starts now (a no-op for every other order).
    await activateSubscriptionForOrder(trx, orderId);
    await enqueueJob(trx, issueInvoiceJob, { orderId }, { uniqueKey: `invoice:${orderId}` });
    if (created > 0) {
      await recordOrderEvent(trx, orderId, 'delivered', {
        deliveries: created,
        ...(licenseKeys ? { licenseKeys } : {}),
      });
    }
  });
  await queueReceiptEmail(services, orderId);
});
