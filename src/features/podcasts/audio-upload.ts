import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { enqueueJob } from '../../jobs/queue.js';
import { recordAudit } from '../admin/audit.js';
import { type Storage, TooLargeError } from '../storage/storage.js';
import { podcastProbeJob } from './job-contracts.js';
import { touchFeed } from './queries.js';

/**
 * An episode's audio, streamed from the form straight into storage (never
 * whole into memory). The type is read from the first bytes, not from what
 * the browser claims; ffprobe reads the duration afterwards (a job, only for
 * the key it was enqueued for). The replaced file is deleted after the commit.
 */

export const AUDIO_MAX_BYTES = 1024 * 1024 * 1024;
const HEAD_BYTES = 64;

/** The audio type the bytes begin with, if it is one podcast apps play. */
export function sniffAudioType(head: Buffer): string | undefined {
  const ascii = (from: number, to: number) => head.subarray(from, to).toString('latin1');
  if (ascii(0, 3) === 'ID3') return 'audio/mpeg';
  if (ascii(0, 4) === 'fLaC') return 'audio/flac';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WAVE') return 'audio/wav';
  if (ascii(0, 4) === 'OggS') return head.includes('OpusHead') ? 'audio/opus' : 'audio/ogg';
  if (ascii(4, 8) === 'ftyp') return 'audio/mp4';
  const [b0, b1] = [head[0] ?? 0, head[1] ?? 0];
  if (b0 === 0xff && (b1 & 0xf6) === 0xf0) return 'audio/aac'; // ADTS: sync word, layer 00
  if (b0 === 0xff && (b1 & 0xe0) === 0xe0 && (b1 & 0x06) !== 0 && (b1 & 0x18) !== 0x08) return 'audio/mpeg';
  return undefined;
}

/** The stream's first `n` bytes, and a stream of all its bytes (the first ones included). */
async function peek(stream: Readable, n: number): Promise<{ head: Buffer; whole: Readable }> {
  const it = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const chunks: Buffer[] = [];
  let size = 0;
  let done = false;
  while (size < n) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    chunks.push(r.value);
    size += r.value.length;
  }
  const head = Buffer.concat(chunks);
  async function* all() {
    yield head;
    if (done) return;
    for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
  }
  return { head, whole: Readable.from(all()) };
}

export type AudioUploadResult = 'ok' | 'empty' | 'not-audio' | 'too-large' | 'gone';

export async function uploadEpisodeAudio(o: {
  db: Kysely<DB>;
  storage: Storage;
  showId: string;
  episodeId: string;
  stream: Readable;
  actor: string;
}): Promise<AudioUploadResult> {
  const { head, whole } = await peek(o.stream, HEAD_BYTES);
  if (head.length === 0) return 'empty';
  const type = sniffAudioType(head);
  if (!type) {
    o.stream.destroy();
    return 'not-audio';
  }
  let stored: Awaited<ReturnType<Storage['put']>>;
  try {
    stored = await o.storage.put(whole, { maxBytes: AUDIO_MAX_BYTES, prefix: 'podcast-audio' });
  } catch (err) {
    if (err instanceof TooLargeError) return 'too-large';
    throw err;
  }
  const now = isoNow();
  const previous = await o.db.transaction().execute(async (trx) => {
    const e = await trx
      .selectFrom('podcast_episodes')
      .select('audio_key')
      .where('id', '=', o.episodeId)
      .where('show_id', '=', o.showId)
      .executeTakeFirst();
    if (!e) return undefined;
    await trx
      .updateTable('podcast_episodes')
      .set({
        audio_key: stored.key,
        audio_size: stored.sizeBytes,
        audio_sha256: stored.sha256,
        audio_type: type,
        duration_seconds: null,
        updated_at: now,
      })
      .where('id', '=', o.episodeId)
      .execute();
    await enqueueJob(
      trx,
      podcastProbeJob,
      { episodeId: o.episodeId, audioKey: stored.key },
      { uniqueKey: probeJobKey(stored.key) },
    );
    await touchFeed(trx, o.showId, now);
    await recordAudit(trx, o.actor, 'podcast.audio-uploaded', { id: o.episodeId, productId: o.showId });
    return { key: e.audio_key };
  });
  if (!previous) {
    await o.storage.delete(stored.key);
    return 'gone';
  }
  if (previous.key) await o.storage.delete(previous.key);
  return 'ok';
}

/** The probe job's unique key for an audio file: the editor finds a failed probe by it. */
export const probeJobKey = (audioKey: string) => `podcasts.probe:${audioKey}`;
