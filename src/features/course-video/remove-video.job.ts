import { handleJob } from '../../jobs/define.js';
import { removeVideoFilesJob } from './job-contracts.js';
import { chunkKeysOf } from './queries.js';
import { segmentKeys } from './store-hls.js';

/**
 * Deletes a removed video's files, then its rows. Rerunnable: deleting a
 * missing file is fine, and the rows go last.
 */
export const removeVideoFilesHandler = handleJob(removeVideoFilesJob, async ({ videoId }, { db, services }) => {
  const video = await db.selectFrom('course_videos').selectAll().where('id', '=', videoId).executeTakeFirst();
  if (video?.status !== 'removed') return;
  const [renditions, captions, uploads] = await Promise.all([
    db.selectFrom('course_video_renditions').select(['name', 'playlist']).where('video_id', '=', videoId).execute(),
    db.selectFrom('course_video_captions').select('storage_key').where('video_id', '=', videoId).execute(),
    db.selectFrom('course_video_uploads').select('chunk_keys').where('video_id', '=', videoId).execute(),
  ]);
  const keys = [
    ...renditions.flatMap((r) => (video.hls_prefix ? segmentKeys(video.hls_prefix, r.name, r.playlist) : [])),
    ...captions.map((c) => c.storage_key),
    ...uploads.flatMap((u) => chunkKeysOf(u.chunk_keys)),
    ...[video.poster_key, video.source_key].filter((k): k is string => k !== null),
  ];
  for (const key of keys) await services.storage.delete(key);
  await db.transaction().execute(async (trx) => {
    for (const table of ['course_video_renditions', 'course_video_captions', 'course_video_uploads'] as const) {
      await trx.deleteFrom(table).where('video_id', '=', videoId).execute();
    }
    await trx.deleteFrom('course_videos').where('id', '=', videoId).where('status', '=', 'removed').execute();
  });
});
