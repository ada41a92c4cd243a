import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { recordAudit } from '../admin/audit.js';

export type SetLicenseKeyDisabledOptions = { id: string; disabled: boolean; actor: string };

/** The admin switches a key off (it stops working at once) or on again; false when there is no such key. */
export async function setLicenseKeyDisabled(
  db: Kysely<DB>,
  { id, disabled, actor }: SetLicenseKeyDisabledOptions,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const now = isoNow();
    const r = await trx
      .updateTable('license_keys')
      .set(
        disabled
          ? { disabled_at: now, disabled_reason: 'admin', updated_at: now }
          : { disabled_at: null, disabled_reason: null, updated_at: now },
      )
      .where('id', '=', id)
      .returning('display_key')
      .executeTakeFirst();
    if (!r) return false;
    const action = disabled ? 'license.disabled' : 'license.enabled';
    await recordAudit(trx, actor, action, { licenseKeyId: id, key: r.display_key });
    return true;
  });
}
