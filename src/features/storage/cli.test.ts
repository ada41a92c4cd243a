import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { storageFor } from './create-storage.js';
import { type LocalS3, startLocalS3, TEST_BUCKET } from './s3-testing.js';

const root = join(import.meta.dirname, '..', '..', '..');

/** The real command line in its own process (async: the S3 server runs in this one). */
function cli(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'silent', ...env },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out, err })));
}

describe('vielfach storage (command line)', { timeout: 300_000 }, () => {
  let s3: LocalS3;
  let dataDir: string;
  let s3Env: Record<string, string>;
  before(async () => {
    s3 = await startLocalS3();
    dataDir = mkdtempSync(join(tmpdir(), 'vf-cli-s3-'));
    s3Env = {
      DATA_DIR: dataDir,
      S3_BUCKET: TEST_BUCKET,
      S3_ENDPOINT: s3.endpoint,
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      S3_FORCE_PATH_STYLE: 'true',
      S3_PREFIX: 'cli-test',
    };
  });
  after(async () => {
    await s3.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('move --to s3 copies the data folder’s files; the manifest then lists them from S3', async () => {
    const local = await storageFor({ driver: 'local' }, dataDir);
    const a = await local.put(Readable.from([Buffer.from('first file')]), { prefix: 'covers' });
    const b = await local.put(Readable.from([Buffer.from('second file')]));
    const moved = await cli(['storage', 'move', '--to', 's3'], s3Env);
    assert.equal(moved.code, 0, moved.err);
    assert.match(
      moved.out,
      /Done: 2 copied, 0 already there, of 2 files\. Now start the store with VIELFACH_STORAGE=s3/,
    );

    const listed = await cli(['storage', 'manifest', '--format', 'csv'], { ...s3Env, VIELFACH_STORAGE: 's3' });
    assert.equal(listed.code, 0, listed.err);
    const expected = [a, b]
      .sort((x, y) => x.key.localeCompare(y.key))
      .map((o) => `${o.key},${o.sizeBytes},${o.sha256}`);
    assert.equal(listed.out, `key,size_bytes,sha256\n${expected.join('\n')}\n`);
  });

  test('S3 chosen without its settings: one line naming the missing one, exit code 1', async () => {
    const r = await cli(['storage', 'manifest'], { DATA_DIR: dataDir, VIELFACH_STORAGE: 's3', S3_BUCKET: 'shop' });
    assert.equal(r.code, 1);
    assert.equal(r.err.trim(), 'Invalid setting S3_ACCESS_KEY_ID="": is required with VIELFACH_STORAGE=s3');
  });
});
