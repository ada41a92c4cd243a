import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export type StoredObject = { key: string; sizeBytes: number; sha256: string };
export type ByteRange = { start: number; end: number };

/**
 * Where files live. Keys are made by the app (never a user's file name), so a
 * key cannot point outside the store. Local folder now; S3 later behind the
 * same interface.
 */
export interface Storage {
  /** Streams into storage (never whole into memory); rejects past maxBytes and leaves nothing behind. */
  put(stream: Readable, opts?: { maxBytes?: number; prefix?: string }): Promise<StoredObject>;
  /** A stream of the object, or of the inclusive byte range. */
  read(key: string, range?: ByteRange): Readable;
  size(key: string): Promise<number | undefined>;
  delete(key: string): Promise<void>;
}

export class TooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`file is larger than ${maxBytes} bytes`);
    this.name = 'TooLargeError';
  }
}

const KEY = /^[a-z0-9-]+(\/[a-z0-9-]+)*$/;

export function assertValidKey(key: string): void {
  if (!KEY.test(key)) throw new Error(`invalid storage key: ${JSON.stringify(key)}`);
}

/** Counts and hashes bytes as they pass; fails once the limit is crossed. */
function measuring(maxBytes: number, seen: { size: number; hash: ReturnType<typeof createHash> }): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen.size += chunk.length;
      if (seen.size > maxBytes) return done(new TooLargeError(maxBytes));
      seen.hash.update(chunk);
      done(null, chunk);
    },
  });
}

export class LocalStorage implements Storage {
  private readonly root: string;
  constructor(root: string) {
    this.root = resolve(root);
  }

  private pathOf(key: string): string {
    assertValidKey(key);
    const p = resolve(this.root, ...key.split('/'));
    if (!p.startsWith(this.root + sep)) throw new Error('storage key escapes the root');
    return p;
  }

  async put(stream: Readable, opts: { maxBytes?: number; prefix?: string } = {}): Promise<StoredObject> {
    const key = `${opts.prefix ?? 'files'}/${randomUUID()}`;
    const target = this.pathOf(key);
    const partial = `${target}.part`;
    // Customers' files: owner-only, like the database (a new folder 0700, each file 0600).
    await mkdir(dirname(target), { recursive: true, mode: 0o700 });
    const seen = { size: 0, hash: createHash('sha256') };
    try {
      await pipeline(
        stream,
        measuring(opts.maxBytes ?? Number.MAX_SAFE_INTEGER, seen),
        createWriteStream(partial, { mode: 0o600 }),
      );
      await rename(partial, target);
    } catch (err) {
      await rm(partial, { force: true });
      throw err;
    }
    return { key, sizeBytes: seen.size, sha256: seen.hash.digest('hex') };
  }

  read(key: string, range?: ByteRange): Readable {
    return createReadStream(this.pathOf(key), range ? { start: range.start, end: range.end } : {});
  }

  async size(key: string): Promise<number | undefined> {
    try {
      return (await stat(this.pathOf(key))).size;
    } catch {
      return undefined;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}

export function localStorageIn(dataDir: string): LocalStorage {
  return new LocalStorage(join(dataDir, 'files'));
}
