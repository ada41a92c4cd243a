import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { recordAudit } from '../admin/audit.js';

export type SetDiscountActiveOptions = { id: string; active: boolean; actor: string };

/** Switches a code off (or on again); false when there is no such code. */
export async function setDiscountActive(
  db: Kysely<DB>,
  { id, active, actor }: SetDiscountActiveOptions,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('discount_codes')
      .set({ active: active ? 1 : 0 })
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return false;
    await recordAudit(trx, actor, active ? 'discount.activated' : 'discount.deactivated', { discountId: id });
    return true;
  });
}
