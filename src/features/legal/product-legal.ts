import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { recordAudit } from '../admin/audit.js';

export type ProductLegal = { distanceLearning: boolean; licence: string };

export async function readProductLegal(db: Kysely<DB>, productId: string): Promise<ProductLegal> {
  const row = await db.selectFrom('product_legal').selectAll().where('product_id', '=', productId).executeTakeFirst();
  return { distanceLearning: row?.distance_learning === 1, licence: row?.fernusg_licence ?? '' };
}

/** A flagged product without a licence number must not be published (§ 12 FernUSG): the admin is warned. */
export function needsFernusgWarning(p: ProductLegal): boolean {
  return p.distanceLearning && p.licence.trim() === '';
}

export async function saveProductLegal(db: Kysely<DB>, productId: string, value: ProductLegal, actor: string) {
  const now = isoNow();
  const row = { distance_learning: value.distanceLearning ? 1 : 0, fernusg_licence: value.licence.trim() };
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('product_legal')
      .values({ product_id: productId, ...row, updated_at: now })
      .onConflict((oc) => oc.column('product_id').doUpdateSet({ ...row, updated_at: now }))
      .execute();
    await recordAudit(trx, actor, 'product.legal.saved', { productId, ...row });
  });
}
