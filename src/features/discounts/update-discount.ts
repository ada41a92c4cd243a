import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { recordAudit } from '../admin/audit.js';
import type { DiscountValues } from './discount-form.js';
import { isUniqueViolation } from './queries.js';

export type UpdateDiscountOptions = { id: string; values: DiscountValues; actor: string };

/** Saves an edited code; its redemption count is never touched here. */
export async function updateDiscount(
  db: Kysely<DB>,
  { id, values, actor }: UpdateDiscountOptions,
): Promise<'ok' | 'not-found' | 'duplicate'> {
  try {
    return await db.transaction().execute(async (trx) => {
      const r = await trx
        .updateTable('discount_codes')
        .set({
          code: values.code,
          kind: values.kind,
          percent_off: values.percentOff,
          amount_off_minor: values.amountOffMinor,
          currency: values.currency,
          product_id: values.productId,
          expires_at: values.expiresAt,
          max_redemptions: values.maxRedemptions,
          active: values.active ? 1 : 0,
        })
        .where('id', '=', id)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return 'not-found';
      await recordAudit(trx, actor, 'discount.updated', { discountId: id, code: values.code });
      return 'ok';
    });
  } catch (err) {
    if (isUniqueViolation(err)) return 'duplicate';
    throw err;
  }
}
