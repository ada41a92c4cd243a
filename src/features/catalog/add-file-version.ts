import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { enqueueJob } from '../../jobs/queue.js';
import { recordAudit } from '../admin/audit.js';
import type { Storage } from '../storage/storage.js';
import { addVersionRow } from './file-rows.js';
import { notifyBuyersJob } from './job-contracts.js';
import type { Upload } from './multipart.js';
import { findProductFile } from './queries.js';
import { storeUpload } from './store-upload.js';

export type AddVersionResult =
  | { kind: 'ok'; versionId: string; version: number; notified: boolean }
  | { kind: 'missing' }
  | { kind: 'too-large' }
  | { kind: 'empty' }
  | { kind: 'not-found' };

export type AddFileVersionOptions = {
  db: Kysely<DB>;
  storage: Storage;
  productId: string;
  fileId: string;
  upload: Upload | undefined;
  /** Email every paying buyer about the update (one job, enqueued with the version). */
  notifyBuyers: boolean;
  maxBytes: number;
  actor: string;
};

/**
 * A new version of an existing file becomes its current one. Older versions
 * stay stored (links already sent keep working until they expire).
 */
export async function addFileVersion(opts: AddFileVersionOptions): Promise<AddVersionResult> {
  const { db, storage, productId, fileId, upload, maxBytes, actor } = opts;
  if (!upload) return { kind: 'missing' };
  if (!(await findProductFile(db, productId, fileId))) {
    upload.stream.resume();
    return { kind: 'not-found' };
  }
  const result = await storeUpload(storage, upload, maxBytes);
  if (result.kind !== 'ok') return result;
  const { stored } = result;
  const versionId = randomUUID();
  try {
    const version = await db.transaction().execute(async (trx) => {
      const file = await findProductFile(trx, productId, fileId);
      if (!file) return undefined;
      const last = await trx
        .selectFrom('file_versions')
        .select((eb) => eb.fn.max('version').as('max'))
        .where('file_id', '=', fileId)
        .executeTakeFirst();
      // UNIQUE(file_id, version): of two concurrent uploads, one fails instead of both becoming "v2".
      const next = Number(last?.max ?? 0) + 1;
      const now = isoNow();
      await addVersionRow(trx, { fileId, version: next, stored, now, versionId });
      await trx.updateTable('products').set({ updated_at: now }).where('id', '=', productId).execute();
      if (opts.notifyBuyers) {
        await enqueueJob(trx, notifyBuyersJob, { versionId }, { uniqueKey: `catalog.file-updated:${versionId}` });
      }
      await recordAudit(trx, actor, 'product.file_version_added', {
        productId,
        fileId,
        version: next,
        notify: opts.notifyBuyers,
      });
      return next;
    });
    if (version === undefined) {
      await storage.delete(stored.key);
      return { kind: 'not-found' };
    }
    return { kind: 'ok', versionId, version, notified: opts.notifyBuyers };
  } catch (err) {
    await storage.delete(stored.key);
    throw err;
  }
}
