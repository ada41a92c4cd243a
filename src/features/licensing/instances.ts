import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';

/**
 * Removes one instance of a key and gives its activation back, in the
 * caller's transaction; false when the instance is not (or no longer) there,
 * so two concurrent deactivations free one slot, not two.
 */
export async function removeInstance(trx: Transaction<DB>, licenseKeyId: string, instanceId: string): Promise<boolean> {
  const r = await trx
    .deleteFrom('license_instances')
    .where('id', '=', instanceId)
    .where('license_key_id', '=', licenseKeyId)
    .executeTakeFirst();
  if (Number(r.numDeletedRows) !== 1) return false;
  await trx
    .updateTable('license_keys')
    .set({ activation_usage: sql`activation_usage - 1`, updated_at: isoNow() })
    .where('id', '=', licenseKeyId)
    .where('activation_usage', '>', 0)
    .execute();
  return true;
}
