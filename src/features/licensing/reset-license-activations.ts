import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { recordAudit } from '../admin/audit.js';

export type ResetLicenseActivationsOptions = { id: string; actor: string };

/**
 * Removes every activation of a key. The key row is updated first: on
 * PostgreSQL that waits for a running activation of the key, whose new
 * instance the delete then sees, so usage and instances stay in step.
 */
export async function resetLicenseActivations(
  db: Kysely<DB>,
  { id, actor }: ResetLicenseActivationsOptions,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('license_keys')
      .set({ activation_usage: 0, updated_at: isoNow() })
      .where('id', '=', id)
      .returning('display_key')
      .executeTakeFirst();
    if (!r) return false;
    const removed = await trx.deleteFrom('license_instances').where('license_key_id', '=', id).executeTakeFirst();
    await recordAudit(trx, actor, 'license.activations_reset', {
      licenseKeyId: id,
      key: r.display_key,
      removed: Number(removed.numDeletedRows),
    });
    return true;
  });
}
