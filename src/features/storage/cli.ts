import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import type { Config } from '../../config.js';
import { createStorage, storageFor } from './create-storage.js';
import { manifestLines } from './manifest.js';
import { copyAllObjects } from './move.js';
import { readStorageSettings } from './settings.js';

export const STORAGE_HELP = `  storage move --to s3|local    copy every file to S3 (settings S3_*) or back to the data folder;
                                resumable, skips files already there with the same SHA-256
  storage manifest [--format json|csv] [--out FILE]
                                key, size and SHA-256 of every stored file`;

/** `vielfach storage …`: moving files between the data folder and S3, and the manifest. */
export async function storageCommand(config: Config, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { to: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } },
    allowPositionals: true,
  });
  if (positionals[0] === 'move' && (values.to === 's3' || values.to === 'local')) return move(config, values.to);
  if (positionals[0] === 'manifest' && (values.format ?? 'json').match(/^(json|csv)$/)) {
    const lines = manifestLines(await createStorage(config.dataDir), values.format === 'csv' ? 'csv' : 'json');
    await pipeline(Readable.from(lines), values.out ? createWriteStream(values.out, { mode: 0o600 }) : process.stdout);
    return 0;
  }
  console.error(`Usage:\n${STORAGE_HELP}`);
  return 1;
}

async function move(config: Config, to: 's3' | 'local'): Promise<number> {
  const local = await storageFor({ driver: 'local' }, config.dataDir);
  const s3 = await storageFor(readStorageSettings({ ...process.env, VIELFACH_STORAGE: 's3' }), config.dataDir);
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  const r = await copyAllObjects({
    from: to === 's3' ? local : s3,
    to: to === 's3' ? s3 : local,
    progressFile: join(config.dataDir, `storage-move-to-${to}.progress`),
    signal: stop.signal,
    onCopied: (key, n) => console.log(`${n} copied: ${key}`),
  });
  console.log(
    `${r.stopped ? 'Stopped' : 'Done'}: ${r.copied} copied, ${r.skipped} already there, of ${r.total} files.` +
      (r.stopped ? ' Run the same command again to go on.' : ` Now start the store with VIELFACH_STORAGE=${to}.`),
  );
  return r.stopped ? 1 : 0;
}
