import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Storage } from '../storage/storage.js';

/** A URI in ffmpeg's playlist the serving routes never answer: replaced here by the key's URL relative to a rendition. */
export const KEY_PLACEHOLDER = 'vf-key-placeholder';

export type StoredRendition = { name: string; playlist: string };

/**
 * Stores a rendition's segments under `prefix/<name>/<uuid>` and returns its
 * playlist with every URI relative to itself: `<uuid>.ts` for segments and
 * `../key` for the key, so the same text works under any token in the URL.
 */
export async function storeRendition(
  storage: Storage,
  dir: string,
  name: string,
  prefix: string,
): Promise<StoredRendition> {
  const lines = (await readFile(join(dir, name, 'index.m3u8'), 'utf8')).split('\n');
  const out: string[] = [];
  for (const line of lines) {
    if (line === '' || line.startsWith('#')) {
      out.push(line.replace(`URI="${KEY_PLACEHOLDER}"`, 'URI="../key"'));
      continue;
    }
    if (!/^\d{5}\.ts$/.test(line)) throw new Error(`unexpected playlist entry ${JSON.stringify(line)}`);
    const stored = await storage.put(createReadStream(join(dir, name, line)), { prefix: `${prefix}/${name}` });
    out.push(`${stored.key.slice(stored.key.lastIndexOf('/') + 1)}.ts`);
  }
  return { name, playlist: out.join('\n') };
}

/** The storage keys of the segments a stored playlist names (to delete them). */
export function segmentKeys(prefix: string, name: string, playlist: string): string[] {
  return playlist
    .split('\n')
    .filter((l) => /^[0-9a-f-]{36}\.ts$/.test(l))
    .map((l) => `${prefix}/${name}/${l.slice(0, -3)}`);
}

/** A fresh prefix per transcoding run: a rerun after a crash never mixes its segments with the last run's. */
export function runPrefix(videoId: string): string {
  return `course-videos/${videoId}/${randomUUID()}`;
}
