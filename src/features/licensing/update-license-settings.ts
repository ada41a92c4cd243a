import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { recordAudit } from '../admin/audit.js';
import type { ProductLicensingValues } from './admin-forms.js';

export type UpdateLicenseSettingsOptions = { productId: string; values: ProductLicensingValues; actor: string };

/** A product's licence-key option; applies to keys issued from now on. False when there is no such product. */
export async function updateLicenseSettings(
  db: Kysely<DB>,
  { productId, values, actor }: UpdateLicenseSettingsOptions,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const product = await trx.selectFrom('products').select('id').where('id', '=', productId).executeTakeFirst();
    if (!product) return false;
    const row = {
      enabled: values.enabled ? 1 : 0,
      activation_limit: values.activationLimit,
      validity: values.validity,
      validity_days: values.validityDays,
      updated_at: isoNow(),
    };
    await trx
      .insertInto('license_settings')
      .values({ product_id: productId, ...row })
      .onConflict((oc) => oc.column('product_id').doUpdateSet(row))
      .execute();
    await recordAudit(trx, actor, 'license.settings_changed', { productId, ...values });
    return true;
  });
}
