import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { recordAudit } from '../admin/audit.js';
import type { DiscountValues } from './discount-form.js';

export type CreateDiscountOptions = { values: DiscountValues; actor: string };

/** Adds a code; the UNIQUE index decides whether it is taken, even with two admins at once. */
export async function createDiscount(
  db: Kysely<DB>,
  { values, actor }: CreateDiscountOptions,
): Promise<{ id: string } | 'duplicate'> {
  return db.transaction().execute(async (trx) => {
    const id = randomUUID();
    const r = await trx
      .insertInto('discount_codes')
      .values({
        id,
        code: values.code,
        kind: values.kind,
        percent_off: values.percentOff,
        amount_off_minor: values.amountOffMinor,
        currency: values.currency,
        product_id: values.productId,
        expires_at: values.expiresAt,
        max_redemptions: values.maxRedemptions,
        active: values.active ? 1 : 0,
        created_at: isoNow(),
      })
      .onConflict((oc) => oc.column('code').doNothing())
      .executeTakeFirst();
    if (Number(r.numInsertedOrUpdatedRows ?? 0) !== 1) return 'duplicate';
    await recordAudit(trx, actor, 'discount.created', { discountId: id, code: values.code });
    return { id };
  });
}
