import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Storage } from '../storage/storage.js';

export const CAPTIONS_MAX_BYTES = 2 * 1024 * 1024;

/** Language tags offered for captions (the store's two languages first). */
export const CAPTION_LANGS = ['de', 'en', 'fr', 'es', 'it', 'nl', 'pl', 'pt', 'tr', 'uk'] as const;

export type CaptionsResult = 'ok' | 'not-vtt' | 'missing';

/** WebVTT starts with "WEBVTT" (after an optional BOM), then a space, tab or line end (W3C WebVTT §4.1). */
export function isWebVtt(text: string): boolean {
  return /^\uFEFF?WEBVTT([ \t\r\n]|$)/.test(text);
}

/** Stores (or replaces) a video's captions in one language; the old file goes after the commit. */
export async function saveCaptions(
  db: Kysely<DB>,
  storage: Storage,
  opts: { videoId: string; lang: string; content: Buffer },
): Promise<CaptionsResult> {
  if (!isWebVtt(opts.content.toString('utf8'))) return 'not-vtt';
  const video = await db.selectFrom('course_videos').select('status').where('id', '=', opts.videoId).executeTakeFirst();
  if (!video || video.status === 'removed') return 'missing';
  const stored = await storage.put(Readable.from([opts.content]), { prefix: `course-video-captions/${opts.videoId}` });
  const old = await db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('course_video_captions')
      .select('storage_key')
      .where('video_id', '=', opts.videoId)
      .where('lang', '=', opts.lang)
      .executeTakeFirst();
    await trx
      .insertInto('course_video_captions')
      .values({
        video_id: opts.videoId,
        lang: opts.lang,
        storage_key: stored.key,
        created_at: new Date().toISOString(),
      })
      .onConflict((oc) => oc.columns(['video_id', 'lang']).doUpdateSet({ storage_key: stored.key }))
      .execute();
    return before?.storage_key;
  });
  if (old) await storage.delete(old);
  return 'ok';
}
