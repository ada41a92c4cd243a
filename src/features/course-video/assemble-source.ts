import { createWriteStream } from 'node:fs';
import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Kysely } from 'kysely';
import type { CourseVideo, DB } from '../../db/schema.js';
import type { Storage } from '../storage/storage.js';
import { chunkKeysOf } from './queries.js';
import { SOURCE_PREFIX } from './upload-whole.js';

/** The chunks as one stream, read one after the other (never more than a chunk's buffer in memory). */
function concatenated(storage: Storage, keys: readonly string[]): Readable {
  const out = new PassThrough();
  (async () => {
    for (const key of keys) await pipeline(storage.read(key), out, { end: false });
    out.end();
  })().catch((err: Error) => out.destroy(err));
  return out;
}

/**
 * The video's source as one stored object: a chunked upload is joined once
 * (a rerun finds `source_key` set and skips this), then its chunks go.
 */
export async function assembleSource(db: Kysely<DB>, storage: Storage, video: CourseVideo): Promise<string> {
  if (video.source_key) return video.source_key;
  const upload = await db
    .selectFrom('course_video_uploads')
    .select(['chunk_keys', 'completed_at'])
    .where('video_id', '=', video.id)
    .executeTakeFirst();
  if (!upload?.completed_at) throw new Error('the upload is not complete');
  const keys = chunkKeysOf(upload.chunk_keys);
  const stored = await storage.put(concatenated(storage, keys), { prefix: SOURCE_PREFIX });
  await db
    .updateTable('course_videos')
    .set({ source_key: stored.key, source_bytes: stored.sizeBytes, updated_at: new Date().toISOString() })
    .where('id', '=', video.id)
    .execute();
  for (const key of keys) await storage.delete(key);
  return stored.key;
}

/** Copies a stored object to a local file, for ffmpeg (which must seek in an MP4). */
export async function copyToFile(storage: Storage, key: string, path: string): Promise<void> {
  await pipeline(storage.read(key), createWriteStream(path, { mode: 0o600 }));
}
