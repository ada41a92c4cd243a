import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export type StoredObject = { key: string; sizeBytes: number; sha256: string };
export type ByteRange = { start: number; end: number };
export type SignedUrlOptions = {
  expiresInSeconds: number;
  /** The Content-Disposition the client gets (e.g. attachment with the buyer's file name). */
  contentDisposition?: string;
  contentType?: string;
  cacheControl?: string;
};

/**
 * Where files live. Keys are made by the app (never a user's file name), so a
 * key cannot point outside the store. A local folder (default) or an
 * S3-compatible bucket (s3-storage.ts) behind the same interface.
 */
export interface Storage {
  /** Streams into storage (never whole into memory); rejects past maxBytes and leaves nothing behind. */
  put(stream: Readable, opts?: { maxBytes?: number; prefix?: string }): Promise<StoredObject>;
  /** A stream of the object, or of the inclusive byte range. */
  read(key: string, range?: ByteRange): Readable;
  size(key: string): Promise<number | undefined>;
  delete(key: string): Promise<void>;
  /**
   * A short-lived URL the client may fetch the object from itself (S3: a
   * presigned GET that honours Range). Absent where the app serves the bytes (local).
   */
  signedUrl?(key: string, opts: SignedUrlOptions): Promise<string>;
  /** Where signed URLs point (scheme, host, port): pages allow pictures and media from it. */
  origin?: string;
  /** The ETag clients got with the object from the signed URL (they send it back in If-Range to resume). */
  servedEtag?(key: string): Promise<string | undefined>;
}

/** What moving files between stores and the manifest need. */
export interface ListableStorage extends Storage {
  /** Every stored key. */
  list(): AsyncIterable<string>;
  /** Size and SHA-256 of one object (computed from the bytes where not recorded); undefined when missing. */
  describe(key: string): Promise<StoredObject | undefined>;
  /** Stores a stream under the given key (replacing it), hashing as it goes. */
  putAt(key: string, stream: Readable, opts?: { maxBytes?: number }): Promise<StoredObject>;
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
export function measuring(maxBytes: number, seen: { size: number; hash: ReturnType<typeof createHash> }): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen.size += chunk.length;
      if (seen.size > maxBytes) return done(new TooLargeError(maxBytes));
      seen.hash.update(chunk);
      done(null, chunk);
    },
  });
}

export class LocalStorage implements ListableStorage {
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

  put(stream: Readable, opts: { maxBytes?: number; prefix?: string } = {}): Promise<StoredObject> {
    return this.putAt(`${opts.prefix ?? 'files'}/${randomUUID()}`, stream, opts);
  }

  async putAt(key: string, stream: Readable, opts: { maxBytes?: number } = {}): Promise<StoredObject> {
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

  async *list(): AsyncIterable<string> {
    let entries: string[];
    try {
      entries = await readdir(this.root, { recursive: true });
    } catch {
      return; // no folder yet: nothing stored
    }
    // Unfinished uploads (*.part) and anything not shaped like a key are not objects.
    for (const entry of entries.sort()) {
      const key = entry.split(sep).join('/');
      if (KEY.test(key) && (await stat(join(this.root, entry))).isFile()) yield key;
    }
  }

  async describe(key: string): Promise<StoredObject | undefined> {
    const sizeBytes = await this.size(key);
    if (sizeBytes === undefined) return undefined;
    return { key, sizeBytes, sha256: await sha256Of(this.read(key)) };
  }
}

export async function sha256Of(stream: Readable): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export function localStorageIn(dataDir: string): LocalStorage {
  return new LocalStorage(join(dataDir, 'files'));
}
