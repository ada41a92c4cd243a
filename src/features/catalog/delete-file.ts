import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { recordAudit } from '../admin/audit.js';

export type DeleteFileOptions = { db: Kysely<DB>; productId: string; fileId: string; actor: string };

/**
 * Takes a file off the product (soft: `deleted_at`). Its stored versions stay,
 * as past downloads and orders refer to them.
 */
export async function deleteFile({ db, productId, fileId, actor }: DeleteFileOptions): Promise<boolean> {
  const r = await db
    .updateTable('product_files')
    .set({ deleted_at: isoNow() })
    .where('id', '=', fileId)
    .where('product_id', '=', productId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) return false;
  await recordAudit(db, actor, 'product.file_deleted', { productId, fileId });
  return true;
}
