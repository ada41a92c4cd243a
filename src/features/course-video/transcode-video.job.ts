import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { CourseVideo, DB } from '../../db/schema.js';
import { handleJob, PermanentJobError } from '../../jobs/define.js';
import type { Storage } from '../storage/storage.js';
import { assembleSource, copyToFile } from './assemble-source.js';
import { type Probe, probe, runTool } from './ffmpeg.js';
import { transcodeVideoJob } from './job-contracts.js';
import { findVideo } from './queries.js';
import { bandwidthOf, chooseRenditions, hlsArguments, posterArguments, progressPercent } from './renditions.js';
import { KEY_PLACEHOLDER, runPrefix, segmentKeys, storeRendition } from './store-hls.js';

/**
 * Transcodes an uploaded video into AES-128 encrypted HLS with a poster.
 * Safe to rerun: a ready or removed video is left alone, each run writes under
 * its own prefix, and the video points at a run's files only once all are
 * stored. A failure that a rerun would repeat marks the video failed.
 */
export const transcodeVideoHandler = handleJob(
  transcodeVideoJob,
  async ({ videoId }, { db, services, signal, log }) => {
    const video = await findVideo(db, videoId);
    if (!video || video.status === 'ready' || video.status === 'removed') return;
    await setState(db, videoId, { status: 'transcoding', progress: 0, error: null });
    const dir = await mkdtemp(join(tmpdir(), 'vf-video-'));
    try {
      await transcode(db, services.storage, video, dir, signal);
    } catch (err) {
      if (signal.aborted) throw err; // another worker has the job now
      const message = err instanceof Error ? err.message : String(err);
      log.warn({ videoId, err: message }, 'video transcoding failed');
      await setState(db, videoId, { status: 'failed', error: message.slice(0, 1000) });
      throw new PermanentJobError(message);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
);

async function transcode(db: Kysely<DB>, storage: Storage, video: CourseVideo, dir: string, signal: AbortSignal) {
  const input = join(dir, 'source');
  await copyToFile(storage, await assembleSource(db, storage, video), input);
  const info = await probe(input);
  await writeFile(join(dir, 'key.bin'), Buffer.from(video.aes_key, 'hex'), { mode: 0o600 });
  await writeFile(join(dir, 'key.info'), `${KEY_PLACEHOLDER}\n${join(dir, 'key.bin')}\n`);
  const renditions = chooseRenditions(info.height);
  const args = hlsArguments({
    input,
    outDir: join(dir, 'hls'),
    keyInfoFile: join(dir, 'key.info'),
    renditions,
    hasAudio: info.hasAudio,
  });
  await runTool('ffmpeg', args, { signal, onLine: progressWriter(db, video.id, info.durationMs) });
  await runTool('ffmpeg', posterArguments(input, join(dir, 'poster.jpg'), info.durationMs), { signal });
  const prefix = runPrefix(video.id);
  const stored: { r: (typeof renditions)[number]; playlist: string }[] = [];
  for (const r of renditions) stored.push({ r, ...(await storeRendition(storage, join(dir, 'hls'), r.name, prefix)) });
  const poster = await storage.put(createReadStream(join(dir, 'poster.jpg')), { prefix });
  const previous = await db.transaction().execute(async (trx) => {
    const moved = await trx
      .updateTable('course_videos')
      .set({
        ...{ status: 'ready', progress: 100, hls_prefix: prefix, poster_key: poster.key },
        ...{
          duration_ms: info.durationMs,
          width: info.width,
          height: info.height,
          updated_at: new Date().toISOString(),
        },
      })
      .where('id', '=', video.id)
      .where('status', '=', 'transcoding')
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) === 0) return undefined; // removed meanwhile
    const before = await trx
      .selectFrom('course_video_renditions')
      .select(['name', 'playlist'])
      .where('video_id', '=', video.id)
      .execute();
    await trx.deleteFrom('course_video_renditions').where('video_id', '=', video.id).execute();
    const rows = stored.map(({ r, playlist }) => ({
      ...{ video_id: video.id, name: r.name, ...sizeOf(r.height, info) },
      ...{ bandwidth: bandwidthOf(r, info.hasAudio), playlist },
    }));
    await trx.insertInto('course_video_renditions').values(rows).execute();
    return { prefix: video.hls_prefix, poster: video.poster_key, renditions: before };
  });
  // Whichever files no row names any more: this run's if the video went meanwhile, else an overlapping earlier run's.
  const unused = previous
    ? { prefix: previous.prefix, poster: previous.poster, renditions: previous.renditions }
    : { prefix, poster: poster.key, renditions: stored.map(({ r, playlist }) => ({ name: r.name, playlist })) };
  await deleteRun(storage, unused);
}

async function deleteRun(
  storage: Storage,
  run: { prefix: string | null; poster: string | null; renditions: { name: string; playlist: string }[] },
) {
  const { prefix } = run;
  const keys = prefix ? run.renditions.flatMap((r) => segmentKeys(prefix, r.name, r.playlist)) : [];
  for (const key of [...keys, ...(run.poster ? [run.poster] : [])]) await storage.delete(key);
}

/** A rendition's picture size: its height and the source's aspect, width even (as `scale=-2:h` makes it). */
function sizeOf(height: number, info: Probe): { width: number; height: number } {
  const width = Math.round((info.width * height) / info.height / 2) * 2;
  return { width, height };
}

/** Writes the percent from ffmpeg's progress lines, at most every 2 s and only when it moved. */
function progressWriter(db: Kysely<DB>, videoId: string, durationMs: number): (line: string) => void {
  let last = 0;
  let lastAt = 0;
  return (line) => {
    const percent = progressPercent(line, durationMs);
    if (percent === undefined || percent <= last || Date.now() - lastAt < 2000) return;
    last = percent;
    lastAt = Date.now();
    void setState(db, videoId, { progress: percent }).catch(() => {});
  };
}

async function setState(
  db: Kysely<DB>,
  videoId: string,
  values: Partial<Pick<CourseVideo, 'status' | 'progress' | 'error'>>,
) {
  await db
    .updateTable('course_videos')
    .set({ ...values, updated_at: new Date().toISOString() })
    .where('id', '=', videoId)
    .where('status', '!=', 'removed')
    .execute();
}
