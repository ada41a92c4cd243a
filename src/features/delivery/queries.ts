import type { Db } from '../../db/schema.js';

/** A delivery with the order facts that decide access. */
export function findDeliveryWithOrder(db: Db, deliveryId: string) {
  return db
    .selectFrom('deliveries as d')
    .innerJoin('orders as o', 'o.id', 'd.order_id')
    .select([
      'd.id',
      'd.order_id as orderId',
      'd.order_item_id as orderItemId',
      'd.product_id as productId',
      'd.download_limit as downloadLimit',
      'd.download_count as downloadCount',
      'd.revoked_at as revokedAt',
      'o.status as orderStatus',
      'o.number as orderNumber',
      'o.email',
      'o.locale',
    ])
    .where('d.id', '=', deliveryId)
    .executeTakeFirst();
}

export type DeliveryWithOrder = NonNullable<Awaited<ReturnType<typeof findDeliveryWithOrder>>>;

/** The deliveries of an order that still grant access, with the purchased item's title. */
export function listActiveDeliveries(db: Db, where: { orderId: string } | { deliveryId: string }) {
  let q = db
    .selectFrom('deliveries as d')
    .innerJoin('order_items as i', 'i.id', 'd.order_item_id')
    .innerJoin('orders as o', 'o.id', 'd.order_id')
    .select([
      'd.id',
      'd.product_id as productId',
      'd.download_limit as downloadLimit',
      'd.download_count as downloadCount',
      'i.title',
    ])
    .where('d.revoked_at', 'is', null)
    .where('o.status', '=', 'paid'); // the one status for which `grantsAccess` holds
  q = 'orderId' in where ? q.where('d.order_id', '=', where.orderId) : q.where('d.id', '=', where.deliveryId);
  return q.orderBy('d.created_at').orderBy('i.id').execute();
}
