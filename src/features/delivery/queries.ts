import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * The downloadable files of a product: not deleted, with a current version,
 * in the seller's order. (Our own small query until the catalogue exports
 * `listProductFiles`; only the columns delivery needs.)
 */
export function listDownloadableFiles(db: Db, productIds: readonly string[]) {
  if (productIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('product_files as f')
    .innerJoin('file_versions as v', 'v.id', 'f.current_version_id')
    .select([
      'f.id as fileId',
      'f.product_id as productId',
      'f.name',
      'v.id as versionId',
      'v.file_name as fileName',
      'v.size_bytes as sizeBytes',
    ])
    .where('f.product_id', 'in', productIds)
    .where('f.deleted_at', 'is', null)
    .orderBy('f.position')
    .orderBy('f.created_at')
    .orderBy('f.id')
    .execute();
}

/** One file of a product with everything a response needs; undefined if deleted or not that product's. */
export function findDownloadableFile(db: Db, productId: string, fileId: string) {
  return db
    .selectFrom('product_files as f')
    .innerJoin('file_versions as v', 'v.id', 'f.current_version_id')
    .select([
      'f.id as fileId',
      'v.id as versionId',
      'v.storage_key as storageKey',
      'v.file_name as fileName',
      'v.content_type as contentType',
      'v.size_bytes as sizeBytes',
      'v.sha256',
      'v.created_at as createdAt',
    ])
    .where('f.id', '=', fileId)
    .where('f.product_id', '=', productId)
    .where('f.deleted_at', 'is', null)
    .executeTakeFirst();
}

export type DownloadableFile = NonNullable<Awaited<ReturnType<typeof findDownloadableFile>>>;

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
