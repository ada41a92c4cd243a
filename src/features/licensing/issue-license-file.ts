import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { emailHash, type LicenseDocument, signLicenseFile } from './license-file.js';
import { lookupLicense } from './lookup-license.js';
import { findInstance } from './queries.js';
import { storeSigningKey } from './signing-key.js';

export type IssueLicenseFileOptions = { licenseKey: string; instanceId: string; now?: Date };

export type IssueLicenseFileResult =
  | { kind: 'unknown' }
  | { kind: 'expired' }
  | { kind: 'instance-not-found' }
  | { kind: 'issued'; document: LicenseDocument };

/** A signed licence for one activated instance, for software that must also work offline. */
export async function issueLicenseFile(
  db: Kysely<DB>,
  { licenseKey, instanceId, now = new Date() }: IssueLicenseFileOptions,
): Promise<IssueLicenseFileResult> {
  const nowIso = now.toISOString();
  const found = await lookupLicense(db, licenseKey, nowIso);
  if (found.kind !== 'usable') return { kind: found.kind };
  const { license } = found;
  const instance = await findInstance(db, license.id, instanceId);
  if (!instance) return { kind: 'instance-not-found' };
  const document = signLicenseFile(
    {
      v: 1,
      key: license.display_key,
      status: 'active',
      product: { id: license.product_id, name: license.product_title },
      customer: { name: license.customer_name, email_sha256: emailHash(license.email) },
      instance: { id: instance.id, name: instance.name },
      activation_limit: license.activation_limit,
      issued_at: nowIso,
      expires_at: license.expires_at,
    },
    await storeSigningKey(db),
  );
  return { kind: 'issued', document };
}
