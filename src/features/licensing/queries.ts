import { CompiledQuery, type InferResult, type Kysely } from 'kysely';
import type { DB, Db, LicenseInstance } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { type LicenseKeyStatus, licenseStatus } from './license-rules.js';
import type { SqliteReadBatch } from './read-batch.js';

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

/**
 * Where the public API reads: Kysely, and on SQLite also a batch that runs
 * the point lookups of requests arriving together in one read transaction on
 * the connection under Kysely (see `SqliteReadBatch`).
 */
export type LicenseReader = { db: Kysely<DB>; batch?: SqliteReadBatch | undefined };

/** Hot queries' SQL per dialect, built once: they run on every API request. */
const compiled = new Map<string, string>();

function sqlOnce(db: Db, name: string, build: () => { sql: string }): string {
  const key = `${name}:${db.getExecutor().adapter.constructor.name}`;
  let text = compiled.get(key);
  if (text === undefined) {
    text = build().sql;
    compiled.set(key, text);
  }
  return text;
}

async function readOne<T>(db: Db, text: string, params: unknown[], batch?: SqliteReadBatch): Promise<T | undefined> {
  if (batch) return batch.read<T>(text, params);
  const { rows } = await db.executeQuery<T>(CompiledQuery.raw(text, params));
  return rows[0];
}

/** The one lookup of the public API: by the indexed hash of the normalised key. */
export function findLicenseByHash(
  db: Db,
  keyHash: string,
  batch?: SqliteReadBatch,
): Promise<LicenseRecord | undefined> {
  const text = sqlOnce(db, 'license-by-hash', () => licenseByHashQuery(db).compile());
  return readOne<LicenseRecord>(db, text, [keyHash], batch);
}

function instanceQuery(db: Db) {
  return db.selectFrom('license_instances').selectAll().where('id', '=', '').where('license_key_id', '=', '');
}

export function findInstance(
  db: Db,
  licenseKeyId: string,
  instanceId: string,
  batch?: SqliteReadBatch,
): Promise<LicenseInstance | undefined> {
  const text = sqlOnce(db, 'instance', () => instanceQuery(db).compile());
  return readOne<LicenseInstance>(db, text, [instanceId, licenseKeyId], batch);
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
