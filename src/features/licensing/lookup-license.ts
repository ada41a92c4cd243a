import type { Db } from '../../db/schema.js';
import { hashLicenseKey } from './license-key.js';
import { type LicenseKeyStatus, licenseStatus } from './license-rules.js';
import { findLicenseByHash, type LicenseRecord } from './queries.js';
import type { SqliteReadBatch } from './read-batch.js';

/** Unknown and disabled keys are one outcome, so the API cannot tell them apart. */
export type Lookup =
  | { kind: 'unknown' }
  | { kind: 'expired'; license: LicenseRecord }
  | { kind: 'usable'; license: LicenseRecord; status: LicenseKeyStatus };

export function lookupLicense(db: Db, licenseKey: string, nowIso: string): Promise<Lookup> {
  return lookupLicenseByHash(db, hashLicenseKey(licenseKey), nowIso);
}

/** The same by the key's hash (`hashLicenseKey`), when the caller has it already. */
export async function lookupLicenseByHash(
  db: Db,
  keyHash: string,
  nowIso: string,
  batch?: SqliteReadBatch,
): Promise<Lookup> {
  const license = await findLicenseByHash(db, keyHash, batch);
  if (!license) return { kind: 'unknown' };
  const status = licenseStatus(license, nowIso);
  if (status === 'disabled') return { kind: 'unknown' };
  if (status === 'expired') return { kind: 'expired', license };
  return { kind: 'usable', license, status };
}
