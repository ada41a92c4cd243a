import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { storageFor } from './create-storage.js';
import { manifestLines, manifestOf } from './manifest.js';
import { copyAllObjects } from './move.js';
import { type LocalS3, startLocalS3, testS3Settings } from './s3-testing.js';
import type { ListableStorage, StoredObject } from './storage.js';

async function manifest(storage: ListableStorage): Promise<StoredObject[]> {
  const out: StoredObject[] = [];
  for await (const o of manifestOf(storage)) out.push(o);
  return out;
}

describe('moving files between the data folder and S3', () => {
  let s3: LocalS3;
  let dir: string;
  before(async () => {
    s3 = await startLocalS3();
    dir = mkdtempSync(join(tmpdir(), 'vf-move-'));
  });
  after(async () => {
    await s3.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('local → S3 → local, stopped midway and resumed: the same files with the same checksums', async () => {
    const local = await storageFor({ driver: 'local' }, join(dir, 'first'));
    const remote = await storageFor(testS3Settings(s3.endpoint), dir);
    const prefixes = ['files', 'covers', 'podcast-audio', 'course-video-hls/abc/720p'];
    for (let i = 0; i < 12; i++) {
      const bytes = randomBytes(i === 5 ? 9 * 1024 * 1024 : 1000 + i * 3000); // one in several parts
      await local.put(Readable.from([bytes]), { prefix: prefixes[i % prefixes.length] });
    }
    const original = await manifest(local);
    assert.equal(original.length, 12);

    const progressFile = join(dir, 'to-s3.progress');
    const stop = new AbortController();
    const first = await copyAllObjects({
      from: local,
      to: remote,
      progressFile,
      signal: stop.signal,
      onCopied: (_key, n) => n === 5 && stop.abort(),
    });
    assert.deepEqual(first, { total: 5, copied: 5, skipped: 0, stopped: true });
    assert.equal(readFileSync(progressFile, 'utf8').trim().split('\n').length, 5, 'progress is recorded');

    const resumed = await copyAllObjects({ from: local, to: remote, progressFile });
    assert.deepEqual(resumed, { total: 12, copied: 7, skipped: 5, stopped: false });
    assert.deepEqual(await manifest(remote), original, 'on S3: the same keys, sizes and SHA-256');

    // Without a progress file (a fresh run), what is there with the same checksum is skipped too.
    const again = await copyAllObjects({ from: local, to: remote, progressFile: join(dir, 'fresh.progress') });
    assert.deepEqual(again, { total: 12, copied: 0, skipped: 12, stopped: false });

    const back = await storageFor({ driver: 'local' }, join(dir, 'second'));
    const home = await copyAllObjects({ from: remote, to: back, progressFile: join(dir, 'to-local.progress') });
    assert.deepEqual(home, { total: 12, copied: 12, skipped: 0, stopped: false });
    assert.deepEqual(await manifest(back), original, 'back home: identical');
  });

  test('a changed file at the target is copied again; the manifest as CSV and JSON', async () => {
    const local = await storageFor({ driver: 'local' }, join(dir, 'third'));
    const remote = await storageFor(testS3Settings(s3.endpoint), dir);
    const a = await local.put(Readable.from([Buffer.from('aaaa')]));
    await remote.putAt(a.key, Readable.from([Buffer.from('bbbb')])); // same size, other bytes
    const r = await copyAllObjects({ from: local, to: remote, progressFile: join(dir, 'third.progress') });
    assert.deepEqual(r, { total: 1, copied: 1, skipped: 0, stopped: false });
    assert.equal((await remote.describe(a.key))?.sha256, a.sha256);

    let csv = '';
    for await (const line of manifestLines(remote, 'csv')) csv += line;
    assert.equal(csv, `key,size_bytes,sha256\n${a.key},4,${a.sha256}\n`);
    let json = '';
    for await (const line of manifestLines(remote, 'json')) json += line;
    assert.deepEqual(JSON.parse(json), [{ key: a.key, sizeBytes: 4, sha256: a.sha256 }]);
  });
});
