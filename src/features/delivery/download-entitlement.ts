import { randomUUID } from 'node:crypto';
import { isoNow } from '../../db/time.js';
import type { Entitlement } from '../../order-core/entitlements.js';

/**
 * Every item of a paid order is a delivery: the row that signs its download
 * links, counts its downloads and ends access (`revoked_at`). One per item
 * (`UNIQUE(order_item_id)`), so fulfilment run twice delivers once.
 */
export const downloadEntitlement: Entitlement = {
  kind: 'download',
  timelineKey: 'deliveries',
  async grant(trx, { order, items, downloadLimit }) {
    let created = 0;
    for (const item of items) {
      const r = await trx
        .insertInto('deliveries')
        .values({
          id: randomUUID(),
          order_item_id: item.id,
          order_id: order.id,
          product_id: item.product_id,
          download_limit: downloadLimit,
          created_at: isoNow(),
          revoked_at: null,
        })
        .onConflict((oc) => oc.column('order_item_id').doNothing())
        .executeTakeFirst();
      created += Number(r.numInsertedOrUpdatedRows ?? 0);
    }
    return created;
  },
  async revoke(trx, { order, at }) {
    await trx
      .updateTable('deliveries')
      .set({ revoked_at: at })
      .where('order_id', '=', order.id)
      .where('revoked_at', 'is', null)
      .execute();
  },
  // Only what that revocation took: a delivery ended earlier for another reason stays ended.
  async restore(trx, { order, revokedAt }) {
    await trx
      .updateTable('deliveries')
      .set({ revoked_at: null })
      .where('order_id', '=', order.id)
      .where('revoked_at', '=', revokedAt)
      .execute();
  },
};
