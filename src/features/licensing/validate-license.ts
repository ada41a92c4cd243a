import type { LicenseInstance } from '../../db/schema.js';
import { lookupLicenseByHash } from './lookup-license.js';
import { findInstance, type LicenseReader, type LicenseRecord } from './queries.js';

/** `keyHash` is `hashLicenseKey(license_key)`: the key is looked up by its hash only. */
export type ValidateLicenseOptions = { keyHash: string; instanceId?: string | undefined; now?: Date };

export type ValidateResult =
  | { kind: 'unknown' }
  | { kind: 'expired' }
  | { kind: 'instance-not-found'; license: LicenseRecord }
  | { kind: 'valid'; license: LicenseRecord; instance: LicenseInstance | null };

/**
 * Read-only (never writes, as on Lemon Squeezy): is the key usable, and (with
 * an instance id) is it activated on that instance?
 */
export async function validateLicense(
  { db, batch }: LicenseReader,
  { keyHash, instanceId, now = new Date() }: ValidateLicenseOptions,
): Promise<ValidateResult> {
  const found = await lookupLicenseByHash(db, keyHash, now.toISOString(), batch);
  if (found.kind !== 'usable') return { kind: found.kind };
  if (instanceId === undefined) return { kind: 'valid', license: found.license, instance: null };
  const instance = await findInstance(db, found.license.id, instanceId, batch);
  if (!instance) return { kind: 'instance-not-found', license: found.license };
  return { kind: 'valid', license: found.license, instance };
}
