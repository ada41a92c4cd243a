import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { pngImage, postMultipart } from '../catalog/testing.js';
import { testsUseS3 } from '../storage/s3-testing.js';
import { readerCookie, seedMember, seedSubscription, seedTier } from './testing.js';

describe("post images follow their post's access rule", () => {
  let t: TestApp;
  let admin: TestClient;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    admin = new TestClient(t.app);
    await admin.login();
  });
  after(() => t.close());
  const db = () => t.services.database.db;

  /** A post with one uploaded image; returns the post id and the image path. */
  const postWithImage = async (title: string, fields: Record<string, string>, tiers: string[] = []) => {
    const csrf = await admin.csrfFrom('/admin/posts/new');
    const params = new URLSearchParams({ _csrf: csrf, title, visibility: 'public', action: 'draft' });
    const created = await t.app.inject({
      method: 'POST',
      url: '/admin/posts/new',
      payload: params.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: admin.cookieHeader },
    });
    const id = /\/admin\/posts\/([0-9a-f-]{36})/.exec(created.headers.location as string)![1]!;
    const editor = `/admin/posts/${id}`;
    const up = await postMultipart(
      t.app,
      admin,
      `${editor}/images`,
      [{ name: 'image', filename: 'a.png', content: await pngImage(), type: 'image/png' }],
      editor,
    );
    const path = decodeURIComponent(/image=([^&]+)/.exec(up.headers.location as string)![1]!);
    const publish = new URLSearchParams({
      _csrf: await admin.csrfFrom(editor),
      title,
      body: `Inside: ![plan](${path})`,
      ...fields,
    });
    for (const tier of tiers) publish.append('tiers', tier);
    const res = await t.app.inject({
      method: 'POST',
      url: editor,
      payload: publish.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: admin.cookieHeader },
    });
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    return { id, path };
  };

  test("a gated post's image: 404 for a stranger and a free member, 200 (private cache) for a paying member", async () => {
    const gold = await seedTier(db(), { name: 'Gold' });
    const { path } = await postWithImage('Gold plan', { visibility: 'tiers', action: 'publish', sendEmail: '' }, [
      gold,
    ]);
    const stranger = await new TestClient(t.app).get(path);
    assert.equal(stranger.statusCode, 404);
    assert.notEqual(stranger.headers['content-type'], 'image/webp');

    await seedMember(db(), { email: 'free-img@example.com' });
    const free = await new TestClient(t.app).get(path, { cookie: await readerCookie(db(), 'free-img@example.com') });
    assert.equal(free.statusCode, 404);

    const payer = await seedMember(db(), { email: 'gold-img@example.com' });
    await seedSubscription(db(), payer, gold);
    const member = await new TestClient(t.app).get(path, { cookie: await readerCookie(db(), 'gold-img@example.com') });
    assert.equal(member.statusCode, 200);
    assert.equal(member.headers['content-type'], 'image/webp');
    assert.match(member.headers['cache-control'] as string, /^private/);
    // From S3 this header stays on our redirect; the test client sees the bucket's answer.
    if (!testsUseS3) assert.equal(member.headers['cross-origin-resource-policy'], 'same-origin');

    // The admin sees it too (editor preview).
    assert.equal((await admin.get(path)).statusCode, 200);
  });

  test("a members' post emails signed image URLs that work without a session; a forged signature does not", async () => {
    await seedMember(db(), { email: 'reader-img@example.com' });
    const { path } = await postWithImage('Members plan', {
      visibility: 'members',
      action: 'publish',
      sendEmail: 'yes',
    });
    assert.equal((await new TestClient(t.app).get(path)).statusCode, 404);
    await t.drainJobs();
    const mail = await db()
      .selectFrom('emails')
      .select(['html'])
      .where('to_address', '=', 'reader-img@example.com')
      .where('subject', '=', 'Members plan')
      .executeTakeFirstOrThrow();
    const src = new RegExp(`<img src="[^"]*(${path.replace(/[.]/g, '\\.')}\\?s=[A-Za-z0-9_-]+)"`).exec(mail.html);
    assert.ok(src, 'the email has the signed image');
    const signed = await new TestClient(t.app).get(src[1]!);
    assert.equal(signed.statusCode, 200);
    assert.match(signed.headers['cache-control'] as string, /^private/);
    if (!testsUseS3) assert.equal(signed.headers['cross-origin-resource-policy'], 'cross-origin', 'webmail shows it');
    assert.equal((await new TestClient(t.app).get(`${path}?s=AAAA${src[1]!.slice(-10)}`)).statusCode, 404);
    // A signature is for its own image only.
    const other = await postWithImage('Other plan', { visibility: 'members', action: 'publish', sendEmail: '' });
    const sig = src[1]!.slice(src[1]!.indexOf('?'));
    assert.equal((await new TestClient(t.app).get(`${other.path}${sig}`)).statusCode, 404);
  });
});
