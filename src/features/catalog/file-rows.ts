import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

/** An object already in storage, described as a version of a product file. */
export type StoredVersion = { key: string; fileName: string; contentType: string; sizeBytes: number; sha256: string };

/** Adds a version row for a stored object and makes it the file's current version. */
export async function addVersionRow(
  trx: Transaction<DB>,
  v: { fileId: string; version: number; stored: StoredVersion; now: string; versionId?: string },
): Promise<string> {
  const versionId = v.versionId ?? randomUUID();
  await trx
    .insertInto('file_versions')
    .values({
      id: versionId,
      file_id: v.fileId,
      version: v.version,
      storage_key: v.stored.key,
      file_name: v.stored.fileName,
      content_type: v.stored.contentType,
      size_bytes: v.stored.sizeBytes,
      sha256: v.stored.sha256,
      created_at: v.now,
    })
    .execute();
  await trx.updateTable('product_files').set({ current_version_id: versionId }).where('id', '=', v.fileId).execute();
  return versionId;
}

/** A new product file with its first version. */
export async function addFileRows(
  trx: Transaction<DB>,
  f: {
    productId: string;
    name: string;
    position: number;
    stored: StoredVersion;
    now: string;
    fileId?: string;
    versionId?: string;
  },
): Promise<{ fileId: string; versionId: string }> {
  const fileId = f.fileId ?? randomUUID();
  await trx
    .insertInto('product_files')
    .values({
      id: fileId,
      product_id: f.productId,
      name: f.name,
      position: f.position,
      current_version_id: null,
      created_at: f.now,
      deleted_at: null,
    })
    .execute();
  const versionId = await addVersionRow(trx, {
    fileId,
    version: 1,
    stored: f.stored,
    now: f.now,
    versionId: f.versionId,
  });
  return { fileId, versionId };
}
