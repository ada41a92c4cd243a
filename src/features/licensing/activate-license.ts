import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { DB, LicenseInstance } from '../../db/schema.js';
import { emitWebhookEvent } from '../webhooks/emit.js';
import { hashLicenseKey } from './license-key.js';
import { lookupLicense } from './lookup-license.js';
import type { LicenseRecord } from './queries.js';

export type ActivateLicenseOptions = { licenseKey: string; instanceName: string; now?: Date };

export type ActivateResult =
  | { kind: 'unknown' }
  | { kind: 'expired' }
  | { kind: 'limit-reached'; license: LicenseRecord }
  | { kind: 'activated'; license: LicenseRecord; instance: LicenseInstance };

/**
 * Activates a key on a new instance. The guarded UPDATE comes first: it takes
 * the write lock (SQLite) or the key row's lock (PostgreSQL) and raises the
 * usage only while it is below the limit, re-checked against the committed row
 * by every concurrent activation; the instance is inserted under that lock.
 * However many requests race, no more than `activation_limit` succeed.
 */
export async function activateLicense(
  db: Kysely<DB>,
  { licenseKey, instanceName, now = new Date() }: ActivateLicenseOptions,
): Promise<ActivateResult> {
  const nowIso = now.toISOString();
  const keyHash = hashLicenseKey(licenseKey);
  return db.transaction().execute(async (trx): Promise<ActivateResult> => {
    const claimed = await trx
      .updateTable('license_keys')
      .set({ activation_usage: sql`activation_usage + 1`, updated_at: nowIso })
      .where('key_hash', '=', keyHash)
      .where('disabled_at', 'is', null)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', nowIso)]))
      .where((eb) =>
        eb.or([eb('activation_limit', 'is', null), eb('activation_usage', '<', eb.ref('activation_limit'))]),
      )
      .returning('id')
      .executeTakeFirst();
    if (!claimed) {
      const found = await lookupLicense(trx, licenseKey, nowIso);
      if (found.kind === 'usable') return { kind: 'limit-reached', license: found.license };
      return { kind: found.kind };
    }
    const instance: LicenseInstance = {
      id: randomUUID(),
      license_key_id: claimed.id,
      name: instanceName,
      created_at: nowIso,
    };
    await trx.insertInto('license_instances').values(instance).execute();
    await emitWebhookEvent(trx, 'license.activated', {
      license_key_id: claimed.id,
      instance_id: instance.id,
      instance_name: instanceName,
      activated_at: nowIso,
    });
    const found = await lookupLicense(trx, licenseKey, nowIso);
    if (found.kind !== 'usable') throw new Error('activated key vanished inside its transaction');
    return { kind: 'activated', license: found.license, instance };
  });
}
