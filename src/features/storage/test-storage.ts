import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { Readable } from 'node:stream';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { storageFor } from './create-storage.js';
import { sharedTestS3Endpoint, testS3Settings, testsUseS3 } from './s3-testing.js';
import { type ListableStorage, LocalStorage, type Storage } from './storage.js';

/**
 * A test app's storage: files in its data folder, or with VIELFACH_TEST_STORAGE=s3
 * its own folder of the run's S3 bucket (the same suite then runs against S3).
 */
export async function testStorage(dataDir: string): Promise<ListableStorage> {
  if (!testsUseS3) return storageFor({ driver: 'local' }, dataDir);
  return storageFor(testS3Settings(await sharedTestS3Endpoint()), dataDir);
}

type Inject = (opts: InjectOptions | string) => Promise<LightMyRequestResponse>;

/**
 * With files on S3 a route answers with a redirect to a presigned URL; `inject` then
 * follows it to the real S3 server as a browser would (with its Range and If-Range),
 * so the same tests check the bytes the buyer finally gets.
 */
export async function followStorageRedirects(app: FastifyInstance): Promise<void> {
  if (!testsUseS3) return;
  const endpoint = await sharedTestS3Endpoint();
  const inject = app.inject.bind(app) as Inject;
  const following: Inject = async (opts) => {
    const res = await inject(opts);
    const location = res.headers.location;
    if (res.statusCode !== 302 || typeof location !== 'string' || !location.startsWith(`${endpoint}/`)) return res;
    const asked = typeof opts === 'string' ? {} : opts;
    const headers: Record<string, string> = {};
    for (const name of ['range', 'if-range']) {
      const value = (asked.headers as Record<string, unknown> | undefined)?.[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const method = String(asked.method ?? 'GET');
    const r = await fetch(location, { method, headers });
    return asInjectResponse(res, r, Buffer.from(await r.arrayBuffer()));
  };
  (app as unknown as { inject: Inject }).inject = following;
}

function asInjectResponse(redirect: LightMyRequestResponse, r: Response, raw: Buffer): LightMyRequestResponse {
  const text = raw.toString('utf8');
  return {
    raw: redirect.raw,
    statusCode: r.status,
    statusMessage: r.statusText,
    headers: Object.fromEntries(r.headers),
    trailers: {},
    rawPayload: raw,
    payload: text,
    body: text,
    json: () => JSON.parse(text),
    stream: () => Readable.from([raw]),
    cookies: [],
  } as unknown as LightMyRequestResponse;
}

/**
 * Every stored object under a prefix, as keys relative to it: in the data folder every
 * file, unfinished `.part` uploads included (local); in the bucket its objects (S3).
 */
export async function storedKeysUnder(storage: Storage, dataDir: string, prefix = ''): Promise<string[]> {
  if (storage instanceof LocalStorage) {
    const root = join(dataDir, 'files', prefix);
    if (!existsSync(root)) return [];
    return readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => relative(root, join(d.parentPath, d.name)).split(sep).join('/'))
      .sort();
  }
  const keys: string[] = [];
  const start = prefix ? `${prefix}/` : '';
  for await (const key of (storage as ListableStorage).list())
    if (key.startsWith(start)) keys.push(key.slice(start.length));
  return keys.sort();
}

export async function storedBytes(storage: Storage, key: string): Promise<Buffer> {
  return Buffer.concat((await storage.read(key).toArray()) as Buffer[]);
}

/** A path to the object's bytes for tools that read files (ffprobe, sharp): the file itself, or a copy. */
export async function storedFilePath(storage: Storage, dataDir: string, key: string): Promise<string> {
  if (storage instanceof LocalStorage) return join(dataDir, 'files', ...key.split('/'));
  const copy = join(dataDir, `copy-${key.replaceAll('/', '-')}`);
  writeFileSync(copy, await storedBytes(storage, key));
  return copy;
}
