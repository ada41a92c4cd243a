import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp } from '../../testing/app.js';
import { testsUseS3 } from '../storage/s3-testing.js';
import { type SeededPurchase, seedPurchase, signedPath } from './testing.js';

/** Serving the bytes: whole files, HEAD, ranges and conditional requests. */
describe('file downloads', () => {
  let t: TestApp;
  let p: SeededPurchase;
  let url: string;
  const bytes = randomBytes(100_000);
  const get = (headers: Record<string, string> = {}, method: 'GET' | 'HEAD' = 'GET') =>
    t.app.inject({ method, url, headers });
  const count = async () =>
    (
      await t.services.database.db
        .selectFrom('deliveries')
        .select('download_count')
        .where('id', '=', p.deliveryId)
        .executeTakeFirstOrThrow()
    ).download_count;

  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    p = await seedPurchase(t.services, { bytes, fileName: 'Übungsheft – Größe.pdf' });
    url = signedPath(t.services, p.deliveryId, p.fileId);
  });
  after(() => t.close());

  test('a full download returns exactly the stored bytes with the download headers', async () => {
    const res = await get();
    assert.equal(res.statusCode, 200);
    assert.ok(res.rawPayload.equals(bytes));
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.equal(res.headers['content-length'], String(bytes.length));
    assert.equal(res.headers['accept-ranges'], 'bytes');
    assert.equal(res.headers['cache-control'], 'private, no-store');
    // From S3 the bytes come with the bucket's validators (download-s3.test.ts resumes with them).
    if (!testsUseS3) {
      assert.equal(res.headers.etag, `"${p.sha256}"`);
      assert.ok(Date.parse(res.headers['last-modified'] as string) > 0);
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
    }
    assert.equal(
      res.headers['content-disposition'],
      `attachment; filename="Uebungsheft - Groesse.pdf"; filename*=UTF-8''${encodeURIComponent('Übungsheft – Größe.pdf')}`,
    );
    assert.equal(await count(), 1);
    const events = await t.services.database.db
      .selectFrom('order_events')
      .selectAll()
      .where('order_id', '=', p.orderId)
      .where('kind', '=', 'download')
      .execute();
    assert.equal(events.length, 1);
    const logged = await t.services.database.db
      .selectFrom('downloads')
      .selectAll()
      .where('delivery_id', '=', p.deliveryId)
      .execute();
    assert.deepEqual(
      logged.map((d) => d.file_version_id),
      [p.versionId],
    );
  });

  test('HEAD has the headers but no body and does not count', async () => {
    const before = await count();
    const res = await get({}, 'HEAD');
    assert.equal(res.statusCode, 200);
    assert.equal(res.rawPayload.length, 0);
    assert.equal(res.headers['content-length'], String(bytes.length));
    assert.equal(res.headers.etag, `"${p.sha256}"`);
    assert.match(res.headers['content-disposition'] as string, /^attachment;/);
    assert.equal(await count(), before);
  });

  test('ranges: the first bytes, the middle and the end, as 206 with Content-Range', async () => {
    const before = await count();
    const first = await get({ range: 'bytes=0-99' });
    assert.equal(first.statusCode, 206);
    assert.ok(first.rawPayload.equals(bytes.subarray(0, 100)));
    assert.equal(first.headers['content-range'], `bytes 0-99/${bytes.length}`);
    assert.equal(first.headers['content-length'], '100');
    assert.equal(await count(), before + 1, 'a range from byte 0 starts a download');

    const middle = await get({ range: 'bytes=5000-5999' });
    assert.equal(middle.statusCode, 206);
    assert.ok(middle.rawPayload.equals(bytes.subarray(5000, 6000)));
    assert.equal(middle.headers['content-range'], `bytes 5000-5999/${bytes.length}`);

    const open = await get({ range: 'bytes=99000-' });
    assert.ok(open.rawPayload.equals(bytes.subarray(99000)));

    const suffix = await get({ range: 'bytes=-500' });
    assert.equal(suffix.statusCode, 206);
    assert.ok(suffix.rawPayload.equals(bytes.subarray(bytes.length - 500)));
    assert.equal(suffix.headers['content-range'], `bytes ${bytes.length - 500}-${bytes.length - 1}/${bytes.length}`);
    assert.equal(await count(), before + 1, 'continuations do not count');
  });

  test('a range past the end is 416 with the size; several ranges give the whole file', async () => {
    const res = await get({ range: `bytes=${bytes.length}-` });
    assert.equal(res.statusCode, 416);
    assert.equal(res.headers['content-range'], `bytes */${bytes.length}`);
    assert.equal(res.rawPayload.length, 0);
    const multi = await get({ range: 'bytes=0-9,20-29' });
    assert.equal(multi.statusCode, 200);
    assert.ok(multi.rawPayload.equals(bytes));
  });

  test('If-Range: the current ETag keeps the range, an old one gives the whole file', async () => {
    const same = await get({ range: 'bytes=10-19', 'if-range': `"${p.sha256}"` });
    assert.equal(same.statusCode, 206);
    assert.ok(same.rawPayload.equals(bytes.subarray(10, 20)));
    const changed = await get({ range: 'bytes=10-19', 'if-range': '"something-older"' });
    assert.equal(changed.statusCode, 200);
    assert.ok(changed.rawPayload.equals(bytes));
  });

  test('If-None-Match with the current ETag is 304 without a body, not counted', async () => {
    const before = await count();
    const res = await get({ 'if-none-match': `"${p.sha256}"` });
    assert.equal(res.statusCode, 304);
    assert.equal(res.rawPayload.length, 0);
    assert.equal(res.headers.etag, `"${p.sha256}"`);
    assert.equal((await get({ 'if-none-match': '"other"' })).statusCode, 200);
    assert.equal(await count(), before + 1);
  });
});
