import type { CourseVideo, Db } from '../../db/schema.js';

export function findVideo(db: Db, id: string): Promise<CourseVideo | undefined> {
  return db.selectFrom('course_videos').selectAll().where('id', '=', id).executeTakeFirst();
}

/** What a serving request needs of the video: no playlists, no source details. */
export function findServableVideo(db: Db, id: string) {
  return db
    .selectFrom('course_videos')
    .select(['id', 'status', 'hls_prefix', 'aes_key', 'poster_key'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function listRenditions(db: Db, videoId: string) {
  return db
    .selectFrom('course_video_renditions')
    .select(['name', 'width', 'height', 'bandwidth'])
    .where('video_id', '=', videoId)
    .orderBy('height')
    .execute();
}

export async function findPlaylist(db: Db, videoId: string, name: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('course_video_renditions')
    .select('playlist')
    .where('video_id', '=', videoId)
    .where('name', '=', name)
    .executeTakeFirst();
  return row?.playlist;
}

export function listCaptions(db: Db, videoId: string) {
  return db
    .selectFrom('course_video_captions')
    .select(['lang', 'storage_key'])
    .where('video_id', '=', videoId)
    .orderBy('lang')
    .execute();
}

export function findUpload(db: Db, id: string) {
  return db.selectFrom('course_video_uploads').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The lesson a video is for (the admin's upload form names it). */
export function findLessonForVideo(db: Db, lessonId: string) {
  return db
    .selectFrom('course_lessons')
    .select(['id', 'product_id', 'video_id'])
    .where('id', '=', lessonId)
    .executeTakeFirst();
}

export function chunkKeysOf(json: string): string[] {
  const v: unknown = JSON.parse(json);
  return Array.isArray(v) ? v.filter((k): k is string => typeof k === 'string') : [];
}
