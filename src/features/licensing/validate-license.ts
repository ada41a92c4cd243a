import type { Kysely } from 'kysely';
import type { DB, LicenseInstance } from '../../db/schema.js';
import { lookupLicense } from './lookup-license.js';
import { findInstance, type LicenseRecord } from './queries.js';

export type ValidateLicenseOptions = { licenseKey: string; instanceId?: string | undefined; now?: Date };

export type ValidateResult =
  | { kind: 'unknown' }
  | { kind: 'expired' }
  | { kind: 'instance-not-found'; license: LicenseRecord }
  | { kind: 'valid'; license: LicenseRecord; instance: LicenseInstance | null };

/** Read-only: is the key usable, and (with an instance id) is it activated on that instance? */
export async function validateLicense(
  db: Kysely<DB>,
  { licenseKey, instanceId, now = new Date() }: ValidateLicenseOptions,
): Promise<ValidateResult> {
  const found = await lookupLicense(db, licenseKey, now.toISOString());
  if (found.kind !== 'usable') return { kind: found.kind };
  if (instanceId === undefined) return { kind: 'valid', license: found.license, instance: null };
  const instance = await findInstance(db, found.license.id, instanceId);
  if (!instance) return { kind: 'instance-not-found', license: found.license };
  return { kind: 'valid', license: found.license, instance };
}
