import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Storage } from '../storage/storage.js';
import { type StartUploadResult, startVideoUpload } from './start-upload.js';

export const SOURCE_PREFIX = 'course-video-sources';

/**
 * A video posted in one multipart form (the browser without the chunking
 * script): streamed to storage with the size limit, then queued.
 */
export async function uploadWholeVideo(
  db: Kysely<DB>,
  storage: Storage,
  opts: { lessonId: string; fileName: string; body: Readable; maxBytes: number },
): Promise<StartUploadResult | { kind: 'empty' }> {
  const stored = await storage.put(opts.body, { maxBytes: opts.maxBytes, prefix: SOURCE_PREFIX });
  if (stored.sizeBytes === 0) {
    await storage.delete(stored.key);
    return { kind: 'empty' };
  }
  const result = await startVideoUpload(db, {
    lessonId: opts.lessonId,
    fileName: opts.fileName,
    totalBytes: stored.sizeBytes,
    maxBytes: opts.maxBytes,
    source: { key: stored.key, bytes: stored.sizeBytes },
  });
  if (result.kind !== 'ok') await storage.delete(stored.key);
  return result;
}
