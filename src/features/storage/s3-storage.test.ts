import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { loadConfig } from '../../config.js';
import { securityHeaders } from '../../web/security-headers.js';
import { storageFor } from './create-storage.js';
import { type S3Storage, s3StorageFor } from './s3-storage.js';
import { type LocalS3, startLocalS3, testS3Settings } from './s3-testing.js';
import { readStorageSettings } from './settings.js';
import { sha256Of, TooLargeError } from './storage.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
/** A stream of `total` bytes in chunks, as an upload arrives. */
function chunked(bytes: Buffer, chunk = 256 * 1024): Readable {
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunk) parts.push(bytes.subarray(i, i + chunk));
  return Readable.from(parts);
}

describe('S3 storage (against s3rver)', () => {
  let s3: LocalS3;
  let storage: S3Storage;

  before(async () => {
    s3 = await startLocalS3();
    storage = s3StorageFor(testS3Settings(s3.endpoint));
  });
  after(() => s3.close());

  const bucketKeys = async () =>
    (
      (await storage.client.send(new ListObjectsV2Command({ Bucket: storage.bucket, Prefix: storage.root })))
        .Contents ?? []
    ).map((o) => o.Key);

  test('put streams in, records size and SHA-256, and reads back whole and in ranges', async () => {
    const bytes = randomBytes(300_000);
    const stored = await storage.put(chunked(bytes), { prefix: 'covers' });
    assert.match(stored.key, /^covers\/[0-9a-f-]{36}$/);
    assert.equal(stored.sizeBytes, bytes.length);
    assert.equal(stored.sha256, sha(bytes));
    assert.equal(await storage.size(stored.key), bytes.length);
    assert.equal(await sha256Of(storage.read(stored.key)), sha(bytes));
    const part = Buffer.concat(await storage.read(stored.key, { start: 1000, end: 1999 }).toArray());
    assert.ok(part.equals(bytes.subarray(1000, 2000)));
    assert.deepEqual(await storage.describe(stored.key), stored, 'the hash is kept as object metadata');
  });

  test('a file larger than one part goes up in parts and comes back identical', async () => {
    const bytes = randomBytes(17 * 1024 * 1024 + 5);
    const stored = await storage.put(chunked(bytes, 1024 * 1024));
    assert.equal(stored.sizeBytes, bytes.length);
    assert.equal(await sha256Of(storage.read(stored.key)), sha(bytes));
    assert.equal((await storage.describe(stored.key))?.sha256, sha(bytes));
    await storage.delete(stored.key);
  });

  test('too large: rejected while streaming, nothing left behind (no object, the multipart upload aborted)', async () => {
    const before = await bucketKeys();
    // s3rver does not list multipart uploads: what the driver asked of S3 is watched instead.
    const sent: string[] = [];
    storage.client.middlewareStack.add(
      (next, context) => (args) => {
        sent.push(String(context.commandName));
        return next(args);
      },
      { step: 'initialize', name: 'recordCommands' },
    );
    try {
      await assert.rejects(storage.put(chunked(randomBytes(40_000)), { maxBytes: 20_000 }), TooLargeError);
      assert.equal(sent.length, 0, 'a small file over the limit never reaches S3');
      const maxBytes = 20 * 1024 * 1024;
      await assert.rejects(storage.put(chunked(randomBytes(maxBytes + 1024 * 1024)), { maxBytes }), TooLargeError);
      assert.equal(sent[0], 'CreateMultipartUploadCommand');
      assert.ok(sent.includes('AbortMultipartUploadCommand'), sent.join());
      assert.ok(!sent.includes('CompleteMultipartUploadCommand'));
    } finally {
      storage.client.middlewareStack.remove('recordCommands');
    }
    assert.deepEqual(await bucketKeys(), before);
  });

  test('size of a missing key is undefined; delete is idempotent; reading it fails', async () => {
    const stored = await storage.put(Readable.from([Buffer.from('bye')]));
    await storage.delete(stored.key);
    await storage.delete(stored.key);
    assert.equal(await storage.size(stored.key), undefined);
    assert.equal(await storage.describe(stored.key), undefined);
    await assert.rejects(sha256Of(storage.read(stored.key)));
    assert.throws(() => storage.read('../etc/passwd'), /invalid storage key/);
  });

  test('a presigned URL serves the file with our name and type, and honours Range', async () => {
    const bytes = randomBytes(50_000);
    const stored = await storage.put(Readable.from([bytes]));
    const url = await storage.signedUrl(stored.key, {
      expiresInSeconds: 60,
      contentDisposition: "attachment; filename*=UTF-8''%C3%9Cbung.pdf",
      contentType: 'application/pdf',
      cacheControl: 'private, no-store',
    });
    const whole = await fetch(url);
    assert.equal(whole.status, 200);
    assert.equal(whole.headers.get('content-disposition'), "attachment; filename*=UTF-8''%C3%9Cbung.pdf");
    assert.equal(whole.headers.get('content-type'), 'application/pdf');
    assert.equal(whole.headers.get('cache-control'), 'private, no-store');
    assert.ok(Buffer.from(await whole.arrayBuffer()).equals(bytes));
    const part = await fetch(url, { headers: { range: 'bytes=100-199' } });
    assert.equal(part.status, 206);
    assert.equal(part.headers.get('content-range'), `bytes 100-199/${bytes.length}`);
    assert.ok(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(100, 200)));
    assert.match(url, /X-Amz-Expires=60&/);
  });

  test('the storage knows the origin its signed URLs point to; pages allow files from it', async () => {
    const made = await storageFor(testS3Settings(s3.endpoint), tmpdir());
    assert.equal(made.origin, s3.endpoint);
    const csp = securityHeaders(loadConfig({}), made.origin)['content-security-policy'] ?? '';
    for (const directive of ['img-src', 'media-src', 'connect-src']) {
      assert.match(csp, new RegExp(`${directive} 'self'[^;]* ${s3.endpoint.replace(/[.]/g, '\\.')}(;|$)`));
    }
    assert.doesNotMatch(securityHeaders(loadConfig({}))['content-security-policy'] ?? '', /127\.0\.0\.1/);
  });

  test('list gives this store’s keys only (its folder of the bucket)', async () => {
    const other = s3StorageFor(testS3Settings(s3.endpoint));
    const mine = await other.put(Readable.from([Buffer.from('x')]), { prefix: 'podcast-audio' });
    const keys: string[] = [];
    for await (const k of other.list()) keys.push(k);
    assert.deepEqual(keys, [mine.key]);
  });
});

describe('storage settings', () => {
  test('local by default; S3 needs its settings and says which one is wrong', () => {
    assert.deepEqual(readStorageSettings({}), { driver: 'local' });
    assert.throws(
      () => readStorageSettings({ VIELFACH_STORAGE: 'ftp' }),
      /VIELFACH_STORAGE="ftp": must be local or s3/,
    );
    assert.throws(() => readStorageSettings({ VIELFACH_STORAGE: 's3' }), /Invalid setting S3_BUCKET="": is required/);
    const base = { VIELFACH_STORAGE: 's3', S3_BUCKET: 'shop-files', S3_ACCESS_KEY_ID: 'id' };
    assert.throws(() => readStorageSettings(base), /S3_SECRET_ACCESS_KEY=…: is required/);
    const full = { ...base, S3_SECRET_ACCESS_KEY: 'secret' };
    assert.throws(() => readStorageSettings({ ...full, S3_ENDPOINT: 'not a url' }), /S3_ENDPOINT/);
    assert.throws(() => readStorageSettings({ ...full, S3_BUCKET: 'Shop_Files' }), /S3_BUCKET/);
    assert.deepEqual(readStorageSettings({ ...full, S3_FORCE_PATH_STYLE: '1', S3_PREFIX: 'store-1' }), {
      driver: 's3',
      bucket: 'shop-files',
      endpoint: undefined,
      region: 'us-east-1',
      accessKeyId: 'id',
      secretAccessKey: 'secret',
      forcePathStyle: true,
      prefix: 'store-1/',
    });
  });
});
