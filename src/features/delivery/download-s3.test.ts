import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp } from '../../testing/app.js';
import { s3StorageFor } from '../storage/s3-storage.js';
import { type LocalS3, startLocalS3, testS3Settings } from '../storage/s3-testing.js';
import { type SeededPurchase, seedPurchase, signedPath } from './testing.js';

/** Files on S3: our route checks and counts, then the buyer's client follows a redirect to the bucket. */
describe('file downloads from S3', () => {
  let s3: LocalS3;
  let t: TestApp;
  let p: SeededPurchase;
  let base: string;
  const bytes = randomBytes(200_000);
  const count = async () =>
    (
      await t.services.database.db
        .selectFrom('deliveries')
        .select('download_count')
        .where('id', '=', p.deliveryId)
        .executeTakeFirstOrThrow()
    ).download_count;
  const url = () => `${base}${signedPath(t.services, p.deliveryId, p.fileId)}`;

  before(async () => {
    s3 = await startLocalS3();
    t = await buildTestApp({ storage: s3StorageFor(testS3Settings(s3.endpoint)) });
    await setUpStore(t.services);
    p = await seedPurchase(t.services, { bytes, fileName: 'Übungsheft – Größe.pdf' });
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  after(async () => {
    await t.close();
    await s3.close();
  });

  test('a download is counted, then redirected to a short-lived presigned URL with the buyer’s file name', async () => {
    const before = await count();
    const res = await fetch(url(), { redirect: 'manual' });
    assert.equal(res.status, 302);
    assert.equal(res.headers.get('cache-control'), 'private, no-store');
    const location = res.headers.get('location') ?? '';
    assert.ok(location.startsWith(`${s3.endpoint}/`), location);
    assert.match(location, /X-Amz-Expires=300&/);
    assert.equal(await count(), before + 1, 'counted on our route, before the redirect');

    const file = await fetch(url());
    assert.equal(file.status, 200);
    assert.ok(Buffer.from(await file.arrayBuffer()).equals(bytes));
    assert.equal(file.headers.get('content-type'), 'application/pdf');
    assert.match(file.headers.get('content-disposition') ?? '', /^attachment;.*filename\*=UTF-8''%C3%9Cbungsheft/);
    assert.equal(await count(), before + 2);
  });

  test('ranges go to the bucket: from byte 0 counts, a resume with the bucket’s ETag in If-Range does not', async () => {
    const before = await count();
    const first = await fetch(url(), { headers: { range: 'bytes=0-999' } });
    assert.equal(first.status, 206);
    assert.equal(first.headers.get('content-range'), `bytes 0-999/${bytes.length}`);
    assert.ok(Buffer.from(await first.arrayBuffer()).equals(bytes.subarray(0, 1000)));
    assert.equal(await count(), before + 1);

    const etag = first.headers.get('etag') ?? '';
    const rest = await fetch(url(), { headers: { range: 'bytes=1000-', 'if-range': etag } });
    assert.equal(rest.status, 206);
    assert.ok(Buffer.from(await rest.arrayBuffer()).equals(bytes.subarray(1000)));
    assert.equal(await count(), before + 1, 'resuming is not a new download');
  });

  test('what the bucket would answer differently stays with the app: several ranges, a stale If-Range, HEAD', async () => {
    const several = await fetch(url(), { headers: { range: 'bytes=0-9,20-29' }, redirect: 'manual' });
    assert.equal(several.status, 200);
    assert.ok(Buffer.from(await several.arrayBuffer()).equals(bytes));
    const stale = await fetch(url(), { headers: { range: 'bytes=10-', 'if-range': '"old"' }, redirect: 'manual' });
    assert.equal(stale.status, 200);
    assert.equal((await stale.arrayBuffer()).byteLength, bytes.length);
    const head = await fetch(url(), { method: 'HEAD', redirect: 'manual' });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('content-length'), String(bytes.length));
  });
});
