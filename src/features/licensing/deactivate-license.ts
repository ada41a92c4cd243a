import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { removeInstance } from './instances.js';
import { lookupLicense } from './lookup-license.js';
import type { LicenseRecord } from './queries.js';

export type DeactivateLicenseOptions = { licenseKey: string; instanceId: string; now?: Date };

export type DeactivateResult =
  | { kind: 'unknown' }
  | { kind: 'instance-not-found'; license: LicenseRecord }
  | { kind: 'deactivated'; license: LicenseRecord };

/** Frees one activation of a key (also of an expired one, so a customer can clean up). */
export async function deactivateLicense(
  db: Kysely<DB>,
  { licenseKey, instanceId, now = new Date() }: DeactivateLicenseOptions,
): Promise<DeactivateResult> {
  const nowIso = now.toISOString();
  return db.transaction().execute(async (trx): Promise<DeactivateResult> => {
    const found = await lookupLicense(trx, licenseKey, nowIso);
    if (found.kind === 'unknown') return found;
    if (!(await removeInstance(trx, found.license.id, instanceId))) {
      return { kind: 'instance-not-found', license: found.license };
    }
    const after = await lookupLicense(trx, licenseKey, nowIso);
    return { kind: 'deactivated', license: after.kind === 'unknown' ? found.license : after.license };
  });
}
