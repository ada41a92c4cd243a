import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { testsUseS3 } from '../storage/s3-testing.js';
import { storedBytes, storedKeysUnder } from '../storage/test-storage.js';
import { findProductById, listProductFiles } from './queries.js';
import { createProductViaAdmin, multipartBody, pngImage, postMultipart } from './testing.js';

/** Every stored object (and, on disk, partial upload) of the store under a prefix. */
const storedFiles = (t: TestApp, prefix: string) => storedKeysUnder(t.services.storage, t.database.dataDir, prefix);
const fileBytes = (t: TestApp, key: string) => storedBytes(t.services.storage, key);

describe('cover images', () => {
  let t: TestApp;
  let admin: TestClient;
  let id: string;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    admin = new TestClient(t.app);
    await admin.login();
    id = await createProductViaAdmin(admin);
  });
  after(() => t.close());

  const upload = (content: Buffer, filename = 'cover.png', type = 'image/png') =>
    postMultipart(
      t.app,
      admin,
      `/admin/products/${id}/cover`,
      [{ name: 'cover', filename, content, type }],
      `/admin/products/${id}`,
    );

  test('a text file named .png is refused by its content and nothing is stored', async () => {
    const res = await upload(Buffer.from('just some text, not a picture'));
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /not a JPEG, PNG, WebP or GIF image/);
    const svg = await upload(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'), 'x.png');
    assert.equal(svg.statusCode, 400);
    assert.equal((await findProductById(t.services.database.db, id))?.cover_key, null);
    assert.deepEqual(await storedFiles(t, 'covers'), []);
  });

  test('an image over 10 MB is refused with 413 and nothing is stored', async () => {
    const res = await upload(Buffer.concat([await pngImage(10, 10), randomBytes(10 * 1024 * 1024)]));
    assert.equal(res.statusCode, 413);
    assert.match(res.body, /too large/);
    assert.deepEqual(await storedFiles(t, 'covers'), []);
  });

  test('a PNG becomes a 1200 px WebP, served publicly with long caching and an ETag', async () => {
    const res = await upload(await pngImage(1600, 900), 'whatever.gif', 'image/gif');
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/admin/products/${id}?done=cover#cover`);
    const key = (await findProductById(t.services.database.db, id))?.cover_key;
    assert.match(String(key), /^covers\/[0-9a-f-]{36}$/);
    const meta = await sharp(await fileBytes(t, key!)).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height], ['webp', 1200, 675]);

    const url = `/media/${key}.webp`;
    const img = await new TestClient(t.app).get(url);
    assert.equal(img.statusCode, 200);
    assert.equal(img.headers['content-type'], 'image/webp');
    assert.match(String(img.headers['cache-control']), /max-age=31536000/);
    assert.deepEqual(img.rawPayload, await fileBytes(t, key!));
    // Our ETag and 304 when the app serves the bytes; from S3 the browser caches the bucket's answer.
    if (!testsUseS3) {
      const etag = String(img.headers.etag);
      const again = await new TestClient(t.app).get(url, { 'if-none-match': etag });
      assert.equal(again.statusCode, 304);
    }
    assert.equal(
      (await new TestClient(t.app).get('/media/covers/00000000-0000-4000-8000-000000000000.webp')).statusCode,
      404,
    );
    assert.equal((await new TestClient(t.app).get('/media/covers/..%2F..%2Fvielfach.db')).statusCode, 400);

    // Replacing the cover removes the old image; removing it clears it.
    assert.equal((await upload(await pngImage(800, 800))).statusCode, 303);
    const newKey = (await findProductById(t.services.database.db, id))?.cover_key;
    assert.notEqual(newKey, key);
    assert.deepEqual(await storedFiles(t, 'covers'), [newKey!.slice('covers/'.length)]);
    const removed = await admin.postForm(
      `/admin/products/${id}/cover/remove`,
      {},
      { formPage: `/admin/products/${id}` },
    );
    assert.equal(removed.statusCode, 303);
    assert.deepEqual(await storedFiles(t, 'covers'), []);
  });
});

describe('product files', () => {
  let t: TestApp;
  let admin: TestClient;
  let id: string;
  before(async () => {
    t = await buildTestApp({ env: { MAX_UPLOAD_MB: '1' } });
    await setUpStore(t.services);
    admin = new TestClient(t.app);
    await admin.login();
    id = await createProductViaAdmin(admin);
  });
  after(() => t.close());

  const uploadFile = (content: Buffer, filename: string, name = '') =>
    postMultipart(
      t.app,
      admin,
      `/admin/products/${id}/files`,
      [
        { name: 'name', value: name },
        { name: 'file', filename, content },
      ],
      `/admin/products/${id}`,
    );

  test('an upload is streamed to storage with its sha256 and size recorded', async () => {
    const bytes = randomBytes(700 * 1024);
    const res = await uploadFile(bytes, 'Handbuch für Bäcker.pdf', 'The Handbook');
    assert.equal(res.statusCode, 303);
    const [file] = await listProductFiles(t.services.database.db, id);
    assert.equal(file?.name, 'The Handbook');
    assert.equal(file?.file_name, 'Handbuch für Bäcker.pdf');
    assert.equal(file?.content_type, 'application/pdf');
    assert.equal(file?.size_bytes, bytes.length);
    assert.equal(file?.sha256, createHash('sha256').update(bytes).digest('hex'));
    assert.equal(file?.version, 1);
    assert.match(String(file?.storage_key), /^files\/[0-9a-f-]{36}$/);
    assert.deepEqual(await fileBytes(t, file!.storage_key), bytes);
  });

  test('path traversal in the file name is neutralised', async () => {
    const res = await uploadFile(Buffer.from('root:x:0:0'), '../../etc/passwd');
    assert.equal(res.statusCode, 303);
    const files = await listProductFiles(t.services.database.db, id);
    const f = files.find((x) => x.file_name === 'passwd');
    assert.ok(f, 'stored under a sanitised name');
    assert.equal(f.name, 'passwd');
    assert.equal(f.content_type, 'application/octet-stream');
    assert.match(f.storage_key, /^files\/[0-9a-f-]{36}$/);
    assert.equal(existsSync(join(t.database.dataDir, 'etc')), false);
  });

  test('an upload over MAX_UPLOAD_MB is refused with 413 and leaves no partial file', async () => {
    const before = await storedFiles(t, 'files');
    const res = await uploadFile(randomBytes(1024 * 1024 + 200_000), 'big.zip');
    assert.equal(res.statusCode, 413);
    assert.match(res.body, /This file is too large\. Files may be up to 1 MB/);
    assert.deepEqual(await storedFiles(t, 'files'), before);
    assert.equal((await listProductFiles(t.services.database.db, id)).length, 2);
  });

  test('no file, no CSRF token or no login: nothing is stored', async () => {
    const before = await storedFiles(t, 'files');
    const none = await uploadFile(Buffer.alloc(0), '');
    assert.equal(none.statusCode, 400);
    assert.match(none.body, /Please choose a file/);

    const { body, contentType } = multipartBody([{ name: 'file', filename: 'a.pdf', content: Buffer.from('x') }]);
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: `/admin/products/${id}/files`,
      payload: body,
      headers: { 'content-type': contentType, cookie: admin.cookieHeader },
    });
    assert.equal(noCsrf.statusCode, 403);

    const anon = new TestClient(t.app);
    const res = await postMultipart(
      t.app,
      anon,
      `/admin/products/${id}/files`,
      [{ name: 'file', filename: 'a.pdf', content: Buffer.from('x') }],
      '/admin/login',
    );
    assert.equal(res.statusCode, 303);
    assert.match(String(res.headers.location), /^\/admin\/login/);
    assert.deepEqual(await storedFiles(t, 'files'), before);
    assert.equal((await listProductFiles(t.services.database.db, id)).length, 2);
  });

  test('rename, reorder and (soft) delete', async () => {
    const db = t.services.database.db;
    const [first, second] = await listProductFiles(db, id);
    const page = `/admin/products/${id}`;
    const base = `/admin/products/${id}/files`;
    let res = await admin.postForm(`${base}/${second!.id}/rename`, { name: '  Passwords  ' }, { formPage: page });
    assert.equal(res.statusCode, 303);
    res = await admin.postForm(`${base}/${second!.id}/rename`, { name: ' ' }, { formPage: page });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Please enter a name/);
    res = await admin.postForm(`${base}/${second!.id}/move`, { direction: 'up' }, { formPage: page });
    assert.equal(res.statusCode, 303);
    assert.deepEqual(
      (await listProductFiles(db, id)).map((f) => f.name),
      ['Passwords', 'The Handbook'],
    );
    res = await admin.postForm(`${base}/${second!.id}/delete`, {}, { formPage: page });
    assert.equal(res.statusCode, 303);
    assert.deepEqual(
      (await listProductFiles(db, id)).map((f) => f.id),
      [first!.id],
    );
    const row = await db
      .selectFrom('product_files')
      .select('deleted_at')
      .where('id', '=', second!.id)
      .executeTakeFirst();
    assert.ok(row?.deleted_at, 'soft-deleted, the row stays');
    res = await admin.postForm(`${base}/${second!.id}/delete`, {}, { formPage: page });
    assert.equal(res.statusCode, 404);
  });
});
