import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { recordAudit } from '../admin/audit.js';
import { MAX_FILE_DISPLAY_NAME } from './add-product-file.js';

export type RenameFileOptions = { db: Kysely<DB>; productId: string; fileId: string; name: string; actor: string };

/** Changes the name buyers see (not the download's file name). */
export async function renameFile({ db, productId, fileId, name, actor }: RenameFileOptions) {
  const clean = name.replace(/\s+/g, ' ').trim();
  if (!clean || clean.length > MAX_FILE_DISPLAY_NAME) return { kind: 'invalid' as const };
  const r = await db
    .updateTable('product_files')
    .set({ name: clean })
    .where('id', '=', fileId)
    .where('product_id', '=', productId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) return { kind: 'not-found' as const };
  await recordAudit(db, actor, 'product.file_renamed', { productId, fileId, name: clean });
  return { kind: 'ok' as const };
}
