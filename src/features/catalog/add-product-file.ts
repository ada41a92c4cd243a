import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { recordAudit } from '../admin/audit.js';
import type { Storage } from '../storage/storage.js';
import { withoutExtension } from './file-names.js';
import { addFileRows } from './file-rows.js';
import type { Upload } from './multipart.js';
import { storeUpload } from './store-upload.js';

export const MAX_FILE_DISPLAY_NAME = 200;

export type AddFileResult =
  | { kind: 'ok'; fileId: string; versionId: string }
  | { kind: 'missing' }
  | { kind: 'too-large' }
  | { kind: 'empty' }
  | { kind: 'not-found' };

export type AddProductFileOptions = {
  db: Kysely<DB>;
  storage: Storage;
  productId: string;
  upload: Upload | undefined;
  /** Shown to buyers; the file name without extension when empty. */
  displayName?: string;
  maxBytes: number;
  actor: string;
};

/** A new file at the end of the product's list, with its first version. */
export async function addProductFile(opts: AddProductFileOptions): Promise<AddFileResult> {
  const { db, storage, productId, upload, maxBytes, actor } = opts;
  if (!upload) return { kind: 'missing' };
  const result = await storeUpload(storage, upload, maxBytes);
  if (result.kind !== 'ok') return result;
  const { stored } = result;
  const fileId = randomUUID();
  const versionId = randomUUID();
  const name = (opts.displayName?.trim() || withoutExtension(stored.fileName)).slice(0, MAX_FILE_DISPLAY_NAME);
  try {
    const found = await db.transaction().execute(async (trx) => {
      const product = await trx.selectFrom('products').select('id').where('id', '=', productId).executeTakeFirst();
      if (!product) return false;
      const last = await trx
        .selectFrom('product_files')
        .select((eb) => eb.fn.max('position').as('max'))
        .where('product_id', '=', productId)
        .executeTakeFirst();
      const now = isoNow();
      await addFileRows(trx, {
        productId,
        name,
        position: Number(last?.max ?? -1) + 1,
        stored,
        now,
        fileId,
        versionId,
      });
      await trx.updateTable('products').set({ updated_at: now }).where('id', '=', productId).execute();
      await recordAudit(trx, actor, 'product.file_added', { productId, fileId, fileName: stored.fileName });
      return true;
    });
    if (!found) {
      await storage.delete(stored.key);
      return { kind: 'not-found' };
    }
  } catch (err) {
    await storage.delete(stored.key); // the row was never written: no file may stay behind
    throw err;
  }
  return { kind: 'ok', fileId, versionId };
}
