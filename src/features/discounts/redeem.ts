import type { Db, DiscountCode } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';

export const CODE_PATTERN = /^[A-Za-z0-9_-]{2,40}$/;

/** Codes are stored upper-case, so this finds one whatever case the buyer typed. */
export function normalizeCode(code: string): string {
  return code.trim().toUpperCase();
}

export async function findDiscountByCode(db: Db, code: string): Promise<DiscountCode | undefined> {
  const normalized = normalizeCode(code);
  if (!CODE_PATTERN.test(normalized)) return undefined;
  return db.selectFrom('discount_codes').selectAll().where('code', '=', normalized).executeTakeFirst();
}

/**
 * Counts one use of a code, atomically: a single guarded UPDATE that only
 * succeeds while the code is active, not expired and below its limit, so
 * concurrent checkouts can never exceed `max_redemptions`. Call it in the
 * transaction that creates the order; false means the code can no longer be used.
 */
export async function redeemDiscount(db: Db, codeId: string, now: string = isoNow()): Promise<boolean> {
  const r = await db
    .updateTable('discount_codes')
    .set((eb) => ({ redemptions: eb('redemptions', '+', 1) }))
    .where('id', '=', codeId)
    .where('active', '=', 1)
    .where((eb) => eb.or([eb('max_redemptions', 'is', null), eb('redemptions', '<', eb.ref('max_redemptions'))]))
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>=', now)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
