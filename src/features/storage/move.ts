import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ListableStorage } from './storage.js';

export type MoveOptions = {
  from: ListableStorage;
  to: ListableStorage;
  /** Keys already copied, one a line: a stopped run picks up where it left off. */
  progressFile: string;
  /** Stops between two objects (Ctrl-C, or a test cutting the run short). */
  signal?: AbortSignal;
  onCopied?: (key: string, copied: number) => void;
};

export type MoveResult = { total: number; copied: number; skipped: number; stopped: boolean };

/**
 * Copies every object to the other storage under the same key. Resumable: an object
 * the target already holds with the same size and SHA-256 is skipped (keys named in
 * the progress file by size alone), and a copy cut off midway leaves nothing there
 * (local: a .part file renamed at the end; S3: an upload never completed). Sources stay
 * in place until the store runs on the target and the operator removes them.
 */
export async function copyAllObjects(opts: MoveOptions): Promise<MoveResult> {
  const { from, to } = opts;
  const done = await readProgress(opts.progressFile);
  const result: MoveResult = { total: 0, copied: 0, skipped: 0, stopped: false };
  for await (const key of from.list()) {
    if (opts.signal?.aborted) return { ...result, stopped: true };
    result.total++;
    if (await alreadyThere(from, to, key, done.has(key))) {
      result.skipped++;
      continue;
    }
    const stored = await to.putAt(key, from.read(key));
    const source = await from.describe(key);
    if (stored.sha256 !== source?.sha256) throw new Error(`${key}: the copy's SHA-256 differs from the source's`);
    await appendFile(opts.progressFile, `${key}\n`, { mode: 0o600 });
    result.copied++;
    opts.onCopied?.(key, result.copied);
  }
  return result;
}

async function alreadyThere(from: ListableStorage, to: ListableStorage, key: string, recorded: boolean) {
  const size = await to.size(key);
  if (size === undefined || size !== (await from.size(key))) return false;
  if (recorded) return true;
  const [a, b] = await Promise.all([from.describe(key), to.describe(key)]);
  return a !== undefined && a.sha256 === b?.sha256;
}

async function readProgress(file: string): Promise<Set<string>> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  try {
    return new Set((await readFile(file, 'utf8')).split('\n').filter(Boolean));
  } catch {
    return new Set();
  }
}
