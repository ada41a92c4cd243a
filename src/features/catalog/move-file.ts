import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export type MoveFileOptions = { db: Kysely<DB>; productId: string; fileId: string; direction: 'up' | 'down' };

/** Moves a file one place up or down; positions are rewritten as 0…n-1. */
export async function moveFile({ db, productId, fileId, direction }: MoveFileOptions): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const files = await trx
      .selectFrom('product_files')
      .select('id')
      .where('product_id', '=', productId)
      .where('deleted_at', 'is', null)
      .orderBy('position')
      .orderBy('created_at')
      .execute();
    const ids = files.map((f) => f.id);
    const from = ids.indexOf(fileId);
    if (from < 0) return false;
    const to = direction === 'up' ? from - 1 : from + 1;
    if (to < 0 || to >= ids.length) return true;
    [ids[from], ids[to]] = [ids[to]!, ids[from]!];
    for (const [position, id] of ids.entries()) {
      await trx.updateTable('product_files').set({ position }).where('id', '=', id).execute();
    }
    return true;
  });
}
