import { CompiledQuery, type InferResult, type Kysely, type Transaction } from 'kysely';
import type { DB, LicenseInstance } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { type LicenseKeyStatus, licenseStatus } from './license-rules.js';

type Db = Kysely<DB> | Transaction<DB>;

function licenseByHashQuery(db: Db) {
  return db
    .selectFrom('license_keys as k')
    .innerJoin('orders as o', 'o.id', 'k.order_id')
    .innerJoin('order_items as i', 'i.id', 'k.order_item_id')
    .innerJoin('products as p', 'p.id', 'k.product_id')
    .select([
      'k.id',
      'k.display_key',
      'k.order_id',
      'k.order_item_id',
      'k.product_id',
      'k.activation_limit',
      'k.activation_usage',
      'k.uses',
      'k.expires_at',
      'k.disabled_at',
      'k.created_at',
      'o.number as order_number',
      'o.customer_id',
      'o.email',
      'o.name as customer_name',
      'o.provider',
      'o.currency',
      'o.status as order_status',
      'o.paid_at as order_paid_at',
      'o.created_at as order_created_at',
      'i.unit_price_minor',
      'p.title as product_title',
      'p.slug as product_slug',
    ])
    .where('k.key_hash', '=', '');
}

/** A key with what the public API reports about it (order, customer, product). */
export type LicenseRecord = InferResult<ReturnType<typeof licenseByHashQuery>>[number];

/** The lookup's SQL per dialect, built once: it runs on every API request. */
const lookupSql = new Map<unknown, string>();

/** The one lookup of the public API: by the indexed hash of the normalised key. */
export async function findLicenseByHash(db: Db, keyHash: string): Promise<LicenseRecord | undefined> {
  const dialect = db.getExecutor().adapter.constructor;
  let text = lookupSql.get(dialect);
  if (text === undefined) {
    text = licenseByHashQuery(db).compile().sql;
    lookupSql.set(dialect, text);
  }
  const { rows } = await db.executeQuery<LicenseRecord>(CompiledQuery.raw(text, [keyHash]));
  return rows[0];
}

export function findInstance(db: Db, licenseKeyId: string, instanceId: string): Promise<LicenseInstance | undefined> {
  return db
    .selectFrom('license_instances')
    .selectAll()
    .where('id', '=', instanceId)
    .where('license_key_id', '=', licenseKeyId)
    .executeTakeFirst();
}

export function listInstances(db: Db, licenseKeyId: string): Promise<LicenseInstance[]> {
  return db
    .selectFrom('license_instances')
    .selectAll()
    .where('license_key_id', '=', licenseKeyId)
    .orderBy('created_at')
    .execute();
}

/** One licence key of an order, as shown to its buyer. */
export type OrderLicenseKey = {
  id: string;
  key: string;
  productId: string;
  /** The product title as bought (the order item's snapshot). */
  productTitle: string;
  status: LicenseKeyStatus;
  /** null: unlimited. */
  activationLimit: number | null;
  activationUsage: number;
  expiresAt: string | null;
};

/**
 * The licence keys of an order, for the thank-you page, the receipt and the
 * customer library: name and shape are stable. Disabled keys (refund,
 * dispute) are included with status 'disabled'; filter them if you only show
 * usable ones.
 */
export async function licenseKeysForOrder(db: Db, orderId: string): Promise<OrderLicenseKey[]> {
  const rows = await db
    .selectFrom('license_keys as k')
    .innerJoin('order_items as i', 'i.id', 'k.order_item_id')
    .select([
      'k.id',
      'k.display_key',
      'k.product_id',
      'k.activation_limit',
      'k.activation_usage',
      'k.expires_at',
      'k.disabled_at',
      'i.title',
    ])
    .where('k.order_id', '=', orderId)
    .orderBy('i.title')
    .orderBy('k.order_item_id')
    .orderBy('k.unit_index')
    .execute();
  const now = isoNow();
  return rows.map((r) => ({
    id: r.id,
    key: r.display_key,
    productId: r.product_id,
    productTitle: r.title,
    status: licenseStatus(r, now),
    activationLimit: r.activation_limit,
    activationUsage: r.activation_usage,
    expiresAt: r.expires_at,
  }));
}
