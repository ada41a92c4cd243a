import { type Readable, Transform } from 'node:stream';
import type { Kysely } from 'kysely';
import type { DB, Db } from '../../db/schema.js';
import { enqueueJob } from '../../jobs/queue.js';
import type { Storage } from '../storage/storage.js';
import { transcodeVideoJob } from './job-contracts.js';
import { chunkKeysOf, findUpload } from './queries.js';

export type ChunkRange = { start: number; end: number; total: number };

export type AppendResult =
  | { kind: 'ok'; offset: number; complete: boolean }
  | { kind: 'missing' }
  /** The chunk does not start where the upload stands (a retry of a chunk already stored, or a gap). */
  | { kind: 'wrong-offset'; offset: number }
  | { kind: 'wrong-total' }
  /** Fewer bytes arrived than the range announced (the connection broke): nothing kept. */
  | { kind: 'incomplete'; offset: number }
  | { kind: 'too-long' };

/**
 * Passes at most `limit + 1` bytes and reads the rest without keeping it: a
 * body longer than announced is still read to its end, so the client gets a
 * clear 400 instead of a reset connection.
 */
function capped(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      const room = limit + 1 - seen;
      seen += chunk.length;
      done(null, room > 0 ? chunk.subarray(0, room) : undefined);
    },
  });
}

/** Reads `Content-Range: bytes start-end/total`; undefined when malformed. */
export function parseContentRange(header: string | undefined): ChunkRange | undefined {
  const m = /^bytes (\d{1,15})-(\d{1,15})\/(\d{1,15})$/.exec(header?.trim() ?? '');
  if (!m) return undefined;
  const [start, end, total] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return start <= end && end < total ? { start, end, total } : undefined;
}

/**
 * Stores one chunk of a resumable upload as its own object, then moves the
 * upload's offset with a guarded UPDATE (offset must still be `start`), so a
 * chunk sent twice, or two at once, is kept once. The last chunk completes
 * the upload and queues the transcoding in the same transaction.
 */
export async function appendChunk(
  db: Kysely<DB>,
  storage: Storage,
  opts: { uploadId: string; range: ChunkRange; body: Readable; now?: Date },
): Promise<AppendResult> {
  const { range } = opts;
  const upload = await findUpload(db, opts.uploadId);
  if (!upload) return { kind: 'missing' };
  if (range.total !== upload.total_bytes) return { kind: 'wrong-total' };
  if (upload.completed_at || range.start !== upload.received_bytes) {
    return { kind: 'wrong-offset', offset: upload.received_bytes };
  }
  const expected = range.end - range.start + 1;
  const stored = await storage.put(opts.body.pipe(capped(expected)), { prefix: `course-video-uploads/${upload.id}` });
  if (stored.sizeBytes !== expected) {
    await storage.delete(stored.key);
    if (stored.sizeBytes > expected) return { kind: 'too-long' };
    return { kind: 'incomplete', offset: upload.received_bytes };
  }
  const offset = range.end + 1;
  const complete = offset === upload.total_bytes;
  const moved = await db.transaction().execute(async (trx) => {
    const now = (opts.now ?? new Date()).toISOString();
    const r = await trx
      .updateTable('course_video_uploads')
      .set({
        received_bytes: offset,
        chunk_keys: JSON.stringify([...chunkKeysOf(upload.chunk_keys), stored.key]),
        updated_at: now,
        completed_at: complete ? now : null,
      })
      .where('id', '=', upload.id)
      .where('received_bytes', '=', range.start)
      .where('completed_at', 'is', null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) return false;
    if (complete) await queueTranscoding(trx, upload.video_id, upload.total_bytes, now);
    return true;
  });
  if (moved) return { kind: 'ok', offset, complete };
  await storage.delete(stored.key);
  const now = await findUpload(db, upload.id);
  return { kind: 'wrong-offset', offset: now?.received_bytes ?? 0 };
}

/** The bytes are all there: the video waits for the transcoding job (once per video). */
export async function queueTranscoding(trx: Db, videoId: string, sourceBytes: number, now: string): Promise<void> {
  await trx
    .updateTable('course_videos')
    .set({ status: 'queued', source_bytes: sourceBytes, updated_at: now })
    .where('id', '=', videoId)
    .where('status', '=', 'uploading')
    .execute();
  await enqueueJob(trx, transcodeVideoJob, { videoId }, { uniqueKey: `transcode-video:${videoId}` });
}
