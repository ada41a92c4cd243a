import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { withoutExtension } from '../catalog/file-names.js';
import type { Upload } from '../catalog/multipart.js';
import { storeUpload } from '../catalog/store-upload.js';
import type { Storage } from '../storage/storage.js';

/** A lesson's downloadable materials: streamed into storage like product files, served only through the lesson gate. */

export type AddAttachmentResult = { kind: 'ok' } | { kind: 'missing' } | { kind: 'too-large' } | { kind: 'empty' };

export async function addAttachment(opts: {
  db: Kysely<DB>;
  storage: Storage;
  lessonId: string;
  upload: Upload | undefined;
  name: string;
  maxBytes: number;
}): Promise<AddAttachmentResult> {
  if (!opts.upload) return { kind: 'missing' };
  const result = await storeUpload(opts.storage, opts.upload, opts.maxBytes);
  if (result.kind !== 'ok') return result;
  const { stored } = result;
  try {
    await opts.db
      .insertInto('lesson_attachments')
      .values({
        id: randomUUID(),
        lesson_id: opts.lessonId,
        name: (opts.name.trim() || withoutExtension(stored.fileName)).slice(0, 200),
        storage_key: stored.key,
        file_name: stored.fileName,
        content_type: stored.contentType,
        size_bytes: stored.sizeBytes,
        created_at: new Date().toISOString(),
      })
      .execute();
  } catch (err) {
    await opts.storage.delete(stored.key); // no row: no file may stay behind
    throw err;
  }
  return { kind: 'ok' };
}

/** Removes an attachment of this lesson and its stored file; false when there is none. */
export async function removeAttachment(
  db: Kysely<DB>,
  storage: Storage,
  lessonId: string,
  id: string,
): Promise<boolean> {
  const row = await db
    .deleteFrom('lesson_attachments')
    .where('id', '=', id)
    .where('lesson_id', '=', lessonId)
    .returning('storage_key')
    .executeTakeFirst();
  if (!row) return false;
  await storage.delete(row.storage_key);
  return true;
}
