import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { PermanentJobError } from '../../jobs/define.js';
import { runTool } from '../course-video/ffmpeg.js';
import type { Storage } from '../storage/storage.js';
import { touchFeed } from './queries.js';

/**
 * Reads an episode's duration with ffprobe, for the audio key the job was
 * enqueued with only: a newer upload has its own job. A file ffprobe cannot
 * read as audio is a permanent failure (the editor says so).
 */
export async function probeEpisodeAudio(
  db: Kysely<DB>,
  storage: Storage,
  episodeId: string,
  audioKey: string,
): Promise<void> {
  const current = await db
    .selectFrom('podcast_episodes')
    .select('show_id')
    .where('id', '=', episodeId)
    .where('audio_key', '=', audioKey)
    .executeTakeFirst();
  if (!current) return;
  const seconds = await durationOf(storage, audioKey);
  const now = isoNow();
  await db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('podcast_episodes')
      .set({ duration_seconds: seconds, updated_at: now })
      .where('id', '=', episodeId)
      .where('audio_key', '=', audioKey)
      .executeTakeFirst();
    if (r.numUpdatedRows === 1n) await touchFeed(trx, current.show_id, now);
  });
}

/** The stored file copied to a temporary folder (ffprobe wants a path), probed, then removed. */
async function durationOf(storage: Storage, key: string): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'vf-podcast-'));
  try {
    const file = join(dir, 'audio');
    await pipeline(storage.read(key), createWriteStream(file));
    let json: string;
    try {
      json = await runTool('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file]);
    } catch (err) {
      throw new PermanentJobError(`ffprobe cannot read the audio: ${(err as Error).message}`);
    }
    return audioSeconds(json);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Whole seconds of the file's audio, from ffprobe's JSON; a file without an audio stream is refused. */
export function audioSeconds(json: string): number {
  const data = JSON.parse(json) as {
    format?: { duration?: string };
    streams?: { codec_type?: string; duration?: string }[];
  };
  const audio = data.streams?.find((s) => s.codec_type === 'audio');
  if (!audio) throw new PermanentJobError('the file holds no audio stream');
  const seconds = Number(data.format?.duration ?? audio.duration ?? Number.NaN);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new PermanentJobError('the audio has no duration');
  return Math.max(1, Math.round(seconds));
}
