import { type Storage, type StoredObject, TooLargeError } from '../storage/storage.js';
import { contentTypeFor, sanitizeFileName } from './file-names.js';
import type { Upload } from './multipart.js';

export type StoredUpload = StoredObject & { fileName: string; contentType: string };
export type StoreUploadResult = { kind: 'ok'; stored: StoredUpload } | { kind: 'too-large' } | { kind: 'empty' };

/**
 * Streams an upload into storage (never whole into memory), counting and
 * hashing on the way. Too large: storage has already removed the partial file.
 */
export async function storeUpload(storage: Storage, upload: Upload, maxBytes: number): Promise<StoreUploadResult> {
  let stored: StoredObject;
  try {
    stored = await storage.put(upload.stream, { maxBytes, prefix: 'files' });
  } catch (err) {
    if (err instanceof TooLargeError) return { kind: 'too-large' };
    throw err;
  }
  if (stored.sizeBytes === 0) {
    await storage.delete(stored.key);
    return { kind: 'empty' };
  }
  const fileName = sanitizeFileName(upload.filename);
  return { kind: 'ok', stored: { ...stored, fileName, contentType: contentTypeFor(fileName) } };
}
