import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { lookupLicense } from './lookup-license.js';
import type { LicenseRecord } from './queries.js';

export type VerifyGumroadOptions = {
  licenseKey: string;
  productId?: string | undefined;
  productPermalink?: string | undefined;
  incrementUses: boolean;
  now?: Date;
};

export type VerifyGumroadResult =
  | { kind: 'unknown' }
  | { kind: 'expired' }
  | { kind: 'verified'; license: LicenseRecord; uses: number };

/**
 * Gumroad's verify: the key must belong to the named product (by id or
 * permalink); a key of another product answers like an unknown one. Uses are
 * counted with one atomic increment and, as on Gumroad, not limited here —
 * the activation API is where limits are enforced.
 */
export async function verifyGumroadLicense(
  db: Kysely<DB>,
  { licenseKey, productId, productPermalink, incrementUses, now = new Date() }: VerifyGumroadOptions,
): Promise<VerifyGumroadResult> {
  const found = await lookupLicense(db, licenseKey, now.toISOString());
  if (found.kind === 'unknown') return found;
  const { license } = found;
  const sameProduct =
    (productId !== undefined && productId === license.product_id) ||
    (productPermalink !== undefined &&
      (productPermalink === license.product_slug || productPermalink === license.product_id));
  if (!sameProduct) return { kind: 'unknown' };
  if (found.kind === 'expired') return { kind: 'expired' };
  if (!incrementUses) return { kind: 'verified', license, uses: license.uses };
  const row = await db
    .updateTable('license_keys')
    .set({ uses: sql`uses + 1` })
    .where('id', '=', license.id)
    .returning('uses')
    .executeTakeFirst();
  return { kind: 'verified', license, uses: row?.uses ?? license.uses + 1 };
}
