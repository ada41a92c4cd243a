import type { Db, LicenseDisabledReason } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';

/**
 * Disables every key of an order (refund, dispute); call it in the transaction
 * that changes the order. Keys already disabled keep their first reason.
 */
export async function disableLicenseKeysForOrder(
  db: Db,
  orderId: string,
  reason: LicenseDisabledReason,
): Promise<number> {
  const now = isoNow();
  const r = await db
    .updateTable('license_keys')
    .set({ disabled_at: now, disabled_reason: reason, updated_at: now })
    .where('order_id', '=', orderId)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Turns back on the keys of an order that were disabled for `reason` (and only those), e.g. a won dispute. */
export async function enableLicenseKeysDisabledFor(
  db: Db,
  orderId: string,
  reason: LicenseDisabledReason,
): Promise<number> {
  const r = await db
    .updateTable('license_keys')
    .set({ disabled_at: null, disabled_reason: null, updated_at: isoNow() })
    .where('order_id', '=', orderId)
    .where('disabled_reason', '=', reason)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
