import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { recordAudit } from '../admin/audit.js';
import type { Storage } from '../storage/storage.js';
import { touchFeed } from './queries.js';

/** An episode's transcript: WebVTT or SRT, recognised by its content, at most 5 MB. */

export const TRANSCRIPT_MAX_BYTES = 5 * 1024 * 1024;

const SRT_CUE = /^\d+[ \t]*\r?\n\d{1,2}:\d{2}:\d{2}[,.]\d{3}[ \t]+-->[ \t]+\d{1,2}:\d{2}:\d{2}[,.]\d{3}/;

/** 'text/vtt' for WebVTT, 'application/x-subrip' for SRT, undefined for anything else. */
export function transcriptTypeOf(bytes: Buffer): 'text/vtt' | 'application/x-subrip' | undefined {
  let text = bytes.subarray(0, 4096).toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (/^WEBVTT(?:[ \t\r\n]|$)/.test(text)) return 'text/vtt';
  if (SRT_CUE.test(text.replace(/^\s+/, ''))) return 'application/x-subrip';
  return undefined;
}

export type TranscriptResult = 'ok' | 'not-transcript' | 'gone';

export async function replaceTranscript(o: {
  db: Kysely<DB>;
  storage: Storage;
  showId: string;
  episodeId: string;
  bytes: Buffer;
  actor: string;
}): Promise<TranscriptResult> {
  const type = transcriptTypeOf(o.bytes);
  if (!type) return 'not-transcript';
  const stored = await o.storage.put(Readable.from([o.bytes]), { prefix: 'podcast-transcripts' });
  const now = isoNow();
  const previous = await o.db.transaction().execute(async (trx) => {
    const e = await trx
      .selectFrom('podcast_episodes')
      .select('transcript_key')
      .where('id', '=', o.episodeId)
      .where('show_id', '=', o.showId)
      .executeTakeFirst();
    if (!e) return undefined;
    await trx
      .updateTable('podcast_episodes')
      .set({ transcript_key: stored.key, transcript_type: type, updated_at: now })
      .where('id', '=', o.episodeId)
      .execute();
    await touchFeed(trx, o.showId, now);
    await recordAudit(trx, o.actor, 'podcast.transcript-uploaded', { id: o.episodeId, productId: o.showId });
    return { key: e.transcript_key };
  });
  if (!previous) {
    await o.storage.delete(stored.key);
    return 'gone';
  }
  if (previous.key) await o.storage.delete(previous.key);
  return 'ok';
}
