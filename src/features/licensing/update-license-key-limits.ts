import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { recordAudit } from '../admin/audit.js';
import type { KeyLimitsValues } from './admin-forms.js';

export type UpdateLicenseKeyLimitsOptions = { id: string; values: KeyLimitsValues; actor: string };

/** A new activation limit and expiry for one key; a lower limit keeps existing activations. */
export async function updateLicenseKeyLimits(
  db: Kysely<DB>,
  { id, values, actor }: UpdateLicenseKeyLimitsOptions,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('license_keys')
      .set({ activation_limit: values.activationLimit, expires_at: values.expiresAt, updated_at: isoNow() })
      .where('id', '=', id)
      .returning('display_key')
      .executeTakeFirst();
    if (!r) return false;
    await recordAudit(trx, actor, 'license.limits_changed', { licenseKeyId: id, key: r.display_key, ...values });
    return true;
  });
}
