import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { generateLicenseKey, hashLicenseKey } from './license-key.js';
import { expiryFor } from './license-rules.js';

/**
 * Issues one key per purchased unit of every item whose product has licence
 * keys switched on. Call it in the fulfilment transaction: UNIQUE(order_item_id,
 * unit_index) with ON CONFLICT DO NOTHING makes a second run issue nothing, so
 * a buyer never holds two keys for one unit. Returns how many keys were new.
 */
export async function issueLicenseKeys(trx: Transaction<DB>, orderId: string, now = new Date()): Promise<number> {
  const items = await trx
    .selectFrom('order_items as i')
    .innerJoin('license_settings as s', 's.product_id', 'i.product_id')
    .innerJoin('orders as o', 'o.id', 'i.order_id')
    .select(['i.id', 'i.product_id', 'i.quantity', 's.activation_limit', 's.validity', 's.validity_days', 'o.paid_at'])
    .where('i.order_id', '=', orderId)
    .where('s.enabled', '=', 1)
    .execute();
  let created = 0;
  for (const item of items) {
    const from = item.paid_at ? new Date(item.paid_at) : now;
    for (let unit = 0; unit < Math.max(1, item.quantity); unit++) {
      const key = generateLicenseKey();
      const r = await trx
        .insertInto('license_keys')
        .values({
          id: randomUUID(),
          key_hash: hashLicenseKey(key),
          display_key: key,
          order_id: orderId,
          order_item_id: item.id,
          unit_index: unit,
          product_id: item.product_id,
          activation_limit: item.activation_limit,
          validity: item.validity,
          expires_at: expiryFor(item, from),
          disabled_at: null,
          disabled_reason: null,
          created_at: isoNow(now),
          updated_at: isoNow(now),
        })
        .onConflict((oc) => oc.columns(['order_item_id', 'unit_index']).doNothing())
        .executeTakeFirst();
      created += Number(r.numInsertedOrUpdatedRows ?? 0);
    }
  }
  return created;
}
