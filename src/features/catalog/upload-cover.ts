import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { recordAudit } from '../admin/audit.js';
import type { Storage } from '../storage/storage.js';
import { COVER_MAX_BYTES, detectCoverFormat, storeCover } from './cover-image.js';
import { readCapped, type Upload } from './multipart.js';

export type UploadCoverResult =
  | { kind: 'ok'; key: string }
  | { kind: 'missing' }
  | { kind: 'too-large' }
  | { kind: 'not-image' }
  | { kind: 'not-found' };

export type UploadCoverOptions = {
  db: Kysely<DB>;
  storage: Storage;
  productId: string;
  upload: Upload | undefined;
  actor: string;
};

/**
 * Checks that the upload is a JPEG, PNG, WebP or GIF by its content, resizes it
 * and stores it as WebP. Nothing is stored for a rejected file; the cover it
 * replaces is deleted only after the new one is saved.
 */
export async function uploadCover({
  db,
  storage,
  productId,
  upload,
  actor,
}: UploadCoverOptions): Promise<UploadCoverResult> {
  if (!upload) return { kind: 'missing' };
  const bytes = await readCapped(upload.stream, COVER_MAX_BYTES);
  if (!bytes) return { kind: 'too-large' };
  if (bytes.length === 0) return { kind: 'missing' };
  if (!(await detectCoverFormat(bytes))) return { kind: 'not-image' };
  const key = await storeCover(storage, bytes);

  const previous = await db.transaction().execute(async (trx) => {
    const product = await trx.selectFrom('products').select('cover_key').where('id', '=', productId).executeTakeFirst();
    if (!product) return undefined;
    await trx
      .updateTable('products')
      .set({ cover_key: key, updated_at: isoNow() })
      .where('id', '=', productId)
      .execute();
    await recordAudit(trx, actor, 'product.cover_changed', { id: productId });
    return { key: product.cover_key };
  });
  if (!previous) {
    await storage.delete(key);
    return { kind: 'not-found' };
  }
  if (previous.key) await storage.delete(previous.key);
  return { kind: 'ok', key };
}

/** Takes the cover off a product and deletes the image. */
export async function removeCover({
  db,
  storage,
  productId,
  actor,
}: Omit<UploadCoverOptions, 'upload'>): Promise<void> {
  const previous = await db.transaction().execute(async (trx) => {
    const product = await trx.selectFrom('products').select('cover_key').where('id', '=', productId).executeTakeFirst();
    if (!product?.cover_key) return undefined;
    await trx
      .updateTable('products')
      .set({ cover_key: null, updated_at: isoNow() })
      .where('id', '=', productId)
      .execute();
    await recordAudit(trx, actor, 'product.cover_removed', { id: productId });
    return product.cover_key;
  });
  if (previous) await storage.delete(previous);
}
