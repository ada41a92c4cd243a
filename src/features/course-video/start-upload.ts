import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, Db } from '../../db/schema.js';
import { enqueueJob } from '../../jobs/queue.js';
import { queueTranscoding } from './append-chunk.js';
import { removeVideoFilesJob } from './job-contracts.js';
import { findLessonForVideo } from './queries.js';

export type StartUploadResult =
  | { kind: 'ok'; uploadId: string; videoId: string }
  | { kind: 'lesson-missing' }
  | { kind: 'too-large' };

/**
 * A new video for a lesson, waiting for its bytes: the video row (with its
 * AES-128 key), the upload session, and the lesson pointing at the video. A
 * video the lesson had before is removed with it (its files after commit).
 */
export async function startVideoUpload(
  db: Kysely<DB>,
  opts: {
    lessonId: string;
    fileName: string;
    totalBytes: number;
    maxBytes: number;
    /** The whole file, already stored (a form upload without the chunking script): queued at once. */
    source?: { key: string; bytes: number };
    now?: Date;
  },
): Promise<StartUploadResult> {
  if (opts.totalBytes > opts.maxBytes) return { kind: 'too-large' };
  const now = (opts.now ?? new Date()).toISOString();
  return db.transaction().execute(async (trx) => {
    const lesson = await findLessonForVideo(trx, opts.lessonId);
    if (!lesson) return { kind: 'lesson-missing' } as const;
    const videoId = randomUUID();
    const uploadId = randomUUID();
    await trx
      .insertInto('course_videos')
      .values({
        id: videoId,
        product_id: lesson.product_id,
        file_name: opts.fileName.slice(0, 255),
        source_key: opts.source?.key ?? null,
        status: 'uploading',
        duration_ms: null,
        width: null,
        height: null,
        poster_key: null,
        hls_prefix: null,
        aes_key: randomBytes(16).toString('hex'),
        error: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await trx
      .insertInto('course_video_uploads')
      .values({
        id: uploadId,
        video_id: videoId,
        total_bytes: opts.totalBytes,
        created_at: now,
        updated_at: now,
        completed_at: opts.source ? now : null,
      })
      .execute();
    if (opts.source) await queueTranscoding(trx, videoId, opts.source.bytes, now);
    if (lesson.video_id) await markRemoved(trx, lesson.video_id, now);
    await trx.updateTable('course_lessons').set({ video_id: videoId }).where('id', '=', lesson.id).execute();
    return { kind: 'ok', uploadId, videoId } as const;
  });
}

/** Takes a video out of service (guarded: once) and queues the removal of its files. */
export async function markRemoved(trx: Db, videoId: string, now: string): Promise<boolean> {
  const r = await trx
    .updateTable('course_videos')
    .set({ status: 'removed', updated_at: now })
    .where('id', '=', videoId)
    .where('status', '!=', 'removed')
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) return false;
  await trx.updateTable('course_lessons').set({ video_id: null }).where('video_id', '=', videoId).execute();
  await enqueueJob(trx, removeVideoFilesJob, { videoId }, { uniqueKey: `remove-video:${videoId}` });
  return true;
}
