import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { AffiliatesTable, Db } from '../../db/schema.js';

/** Test data: an affiliate written straight into the table (approved, 20 % unless told). */
export async function seedAffiliate(db: Db, a: Partial<Insertable<AffiliatesTable>> = {}) {
  const id = a.id ?? randomUUID();
  const now = new Date().toISOString();
  const row = {
    id,
    code: `p${id.slice(0, 8)}`,
    email: `partner-${id.slice(0, 8)}@example.com`,
    name: 'Pat Partner',
    status: 'approved' as const,
    commission_kind: 'percent' as const,
    commission_percent_bp: 2000,
    currency: 'EUR',
    created_at: now,
    approved_at: now,
    updated_at: now,
    ...a,
  };
  await db.insertInto('affiliates').values(row).execute();
  return row;
}

export async function attributeOrder(
  db: Db,
  orderId: string,
  affiliateId: string,
  source: 'link' | 'cookie' | 'coupon' = 'link',
) {
  await db
    .insertInto('order_attributions')
    .values({ order_id: orderId, affiliate_id: affiliateId, source, created_at: new Date().toISOString() })
    .execute();
}
