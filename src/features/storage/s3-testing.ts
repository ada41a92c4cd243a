import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3Settings } from './s3-storage.js';

/**
 * A real S3 implementation for tests: s3rver on 127.0.0.1 (random port, temporary
 * folder). The whole-suite S3 mode (VIELFACH_TEST_STORAGE=s3) shares one started
 * by scripts/run-tests.mjs (S3_TEST_ENDPOINT); each test app then gets its own folder.
 */
export const TEST_BUCKET = 'vielfach-test';
const KEYS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/**
 * The bucket's CORS rule, as a store serving course video from S3 needs it: hls.js
 * fetches segments with XHR, redirected cross-origin (Origin: null), with Range.
 */
export const BUCKET_CORS =
  '<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod><AllowedMethod>HEAD</AllowedMethod><AllowedHeader>*</AllowedHeader><ExposeHeader>Content-Range</ExposeHeader><ExposeHeader>Content-Length</ExposeHeader><ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule></CORSConfiguration>';

export type LocalS3 = { endpoint: string; close: () => Promise<void>; unref: () => void };

export async function startLocalS3(bucket = TEST_BUCKET): Promise<LocalS3> {
  const { default: S3rver } = await import('s3rver');
  const directory = mkdtempSync(join(tmpdir(), 'vf-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket, configs: [BUCKET_CORS] }],
  });
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    unref: () => server.httpServer?.unref(),
    close: async () => {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** Settings for a fresh folder of the test bucket on the given server. */
export function testS3Settings(endpoint: string, bucket = TEST_BUCKET): S3Settings {
  return {
    driver: 's3',
    bucket,
    endpoint,
    region: 'us-east-1',
    ...KEYS,
    forcePathStyle: true,
    prefix: `t-${randomBytes(6).toString('hex')}/`,
  };
}

let shared: Promise<LocalS3> | undefined;

/** The run's S3 server: the runner's, or one started in this process on first use. */
export async function sharedTestS3Endpoint(): Promise<string> {
  const given = process.env.S3_TEST_ENDPOINT;
  if (given) return given;
  // Unreferenced: it must not keep the test process alive once the tests are done.
  shared ??= startLocalS3().then((s3) => {
    s3.unref();
    return s3;
  });
  return (await shared).endpoint;
}

/** Whether this test run keeps files on S3 (VIELFACH_TEST_STORAGE=s3). */
export const testsUseS3 = process.env.VIELFACH_TEST_STORAGE === 's3';
