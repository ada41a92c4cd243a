import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { multipartBody, pngImage, postMultipart } from '../catalog/testing.js';
import { writeSetting } from '../settings/store-settings.js';
import { testsUseS3 } from '../storage/s3-testing.js';
import { publishScheduledPostHandler } from './publish-scheduled.job.js';
import { readerCookie, seedMember, seedSubscription, seedTier } from './testing.js';

const SECRET = 'GATED-BODY-7f3a';

describe('posts: admin editor, public pages, gating, feed', () => {
  let t: TestApp;
  let admin: TestClient;
  let goldTier: string;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    admin = new TestClient(t.app);
    await admin.login();
    goldTier = await seedTier(t.services.database.db, { name: 'Gold' });
  });
  after(() => t.close());
  const db = () => t.services.database.db;

  /** Posts the editor form (tiers may repeat, so the body is built by hand). */
  const submit = async (url: string, fields: Record<string, string>, tiers: string[] = []) => {
    const csrf = await admin.csrfFrom(url.endsWith('/new') ? url : url);
    const params = new URLSearchParams({ _csrf: csrf, ...fields });
    for (const tier of tiers) params.append('tiers', tier);
    return t.app.inject({
      method: 'POST',
      url,
      payload: params.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: admin.cookieHeader },
    });
  };
  const create = async (fields: Record<string, string>, tiers: string[] = []) => {
    const res = await submit('/admin/posts/new', { sendEmail: '', ...fields }, tiers);
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    return /\/admin\/posts\/([0-9a-f-]{36})/.exec(res.headers.location as string)![1]!;
  };

  test('the editor needs an admin; bad input re-renders with errors (400); CSRF is checked', async () => {
    const anon = await new TestClient(t.app).get('/admin/posts/new');
    assert.equal(anon.statusCode, 303);
    const page = await admin.get('/admin/posts/new');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<label for="f-body">Text \(Markdown\)<\/label>/);
    assert.match(page.body, /<script src="\/assets\/posts-admin.js" defer/);
    const bad = await submit('/admin/posts/new', {
      title: '',
      slug: 'Bad Slug!',
      visibility: 'nope',
      action: 'publish',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Please give a title/);
    assert.match(bad.body, /Please choose who may read the post/);
    const noTiers = await submit('/admin/posts/new', { title: 'T', visibility: 'tiers', action: 'draft' });
    assert.equal(noTiers.statusCode, 400);
    assert.match(noTiers.body, /Please tick at least one tier/);
    const past = await submit('/admin/posts/new', {
      title: 'T',
      visibility: 'public',
      action: 'schedule',
      publishAt: '2001-01-01T10:00',
    });
    assert.equal(past.statusCode, 400);
    assert.match(past.body, /time in the future/);
    const noCsrf = await admin.postForm('/admin/posts/new', { title: 'x', visibility: 'public' }, { csrf: null });
    assert.equal(noCsrf.statusCode, 403);
    assert.equal((await db().selectFrom('posts').select('id').execute()).length, 0);
  });

  test('preview: the button re-renders with sanitised HTML; the JSON endpoint answers the script', async () => {
    const res = await submit('/admin/posts/new', {
      title: 'P',
      visibility: 'public',
      action: 'preview',
      body: '# Head\n\n**bold** <script>alert(1)</script> [x](javascript:alert(1))',
    });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<strong>bold<\/strong>/);
    assert.ok(!res.body.includes('<script>alert(1)'));
    assert.ok(!res.body.includes('href="javascript:'));
    const csrf = await admin.csrfFrom('/admin/posts/new');
    const json = await t.app.inject({
      method: 'POST',
      url: '/admin/posts/preview',
      payload: { markdown: '*hi* <img src=x onerror=alert(1)>' },
      headers: { cookie: admin.cookieHeader, 'x-csrf-token': csrf, accept: 'application/json' },
    });
    assert.equal(json.statusCode, 200);
    const html = (JSON.parse(json.body) as { html: string }).html;
    assert.match(html, /<em>hi<\/em>/);
    assert.ok(!html.includes('<img'), 'raw HTML stays text');
    const noToken = await t.app.inject({
      method: 'POST',
      url: '/admin/posts/preview',
      payload: { markdown: 'x' },
      headers: { cookie: admin.cookieHeader, accept: 'application/json' },
    });
    assert.equal(noToken.statusCode, 403);
    assert.match(noToken.headers['content-type'] as string, /problem\+json/);
  });

  test('images: only real images up to the limit, stored as WebP and served with its type', async () => {
    const id = await create({ title: 'With picture', visibility: 'public', action: 'draft' });
    const editor = `/admin/posts/${id}`;
    const notImage = await postMultipart(
      t.app,
      admin,
      `${editor}/images`,
      [{ name: 'image', filename: 'evil.png', content: Buffer.from('<script>alert(1)</script>'), type: 'image/png' }],
      editor,
    );
    assert.equal(notImage.statusCode, 400);
    assert.match(notImage.body, /not a JPEG, PNG, WebP or GIF/);
    const big = Buffer.concat([await pngImage(10, 10), Buffer.alloc(10 * 1024 * 1024 + 10)]);
    const tooLarge = await postMultipart(
      t.app,
      admin,
      `${editor}/images`,
      [{ name: 'image', filename: 'big.png', content: big, type: 'image/png' }],
      editor,
    );
    assert.equal(tooLarge.statusCode, 400);
    assert.match(tooLarge.body, /larger than 10 MB/);
    const { body, contentType } = multipartBody([
      { name: 'image', filename: 'a.png', content: await pngImage(), type: 'image/png' },
    ]);
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: `${editor}/images`,
      payload: body,
      headers: { 'content-type': contentType, cookie: admin.cookieHeader },
    });
    assert.equal(noCsrf.statusCode, 403);
    assert.equal(
      (await db().selectFrom('post_images').select('id').execute()).length,
      0,
      'nothing stored for refused files',
    );

    const ok = await postMultipart(
      t.app,
      admin,
      `${editor}/images`,
      [{ name: 'image', filename: 'a.png', content: await pngImage(), type: 'image/png' }],
      editor,
    );
    assert.equal(ok.statusCode, 303);
    const path = decodeURIComponent(/image=([^&]+)/.exec(ok.headers.location as string)![1]!);
    assert.match(path, /^\/media\/posts\/[0-9a-f-]{36}\.webp$/);
    assert.equal((await new TestClient(t.app).get(path)).statusCode, 404, "a draft's image is the admin's only");
    const img = await admin.get(path);
    assert.equal(img.statusCode, 200);
    assert.equal(img.headers['content-type'], 'image/webp');
    if (!testsUseS3) assert.equal(img.headers['x-content-type-options'], 'nosniff'); // S3 cannot send it
    assert.equal(img.rawPayload.subarray(8, 12).toString('latin1'), 'WEBP');
    assert.equal((await new TestClient(t.app).get('/media/posts/../../secret.key')).statusCode, 404);

    // The image shows in the post; a foreign picture stays a link.
    await submit(editor, {
      title: 'With picture',
      visibility: 'public',
      action: 'publish',
      body: `![cat](${path}) ![x](https://evil.example/t.gif)`,
    });
    const pub = await new TestClient(t.app).get('/posts/with-picture');
    assert.match(pub.body, new RegExp(`<img src="${path}" alt="cat"`));
    assert.ok(!pub.body.includes('<img src="https://evil.example'));
    const open = await new TestClient(t.app).get(path);
    assert.equal(open.statusCode, 200, "a public post's image is everyone's");
    assert.match(open.headers['cache-control'] as string, /^public/);
  });

  test('gated posts: teaser and a way in for readers without access, the body never; RSS has public posts only', async () => {
    await create({
      title: 'Open letter',
      excerpt: 'Everyone may read.',
      visibility: 'public',
      action: 'publish',
      body: 'PUBLIC-BODY',
    });
    await create({
      title: 'Members letter',
      excerpt: 'Teaser M.',
      visibility: 'members',
      action: 'publish',
      body: `${SECRET}-M`,
    });
    await create({
      title: 'Paid letter',
      excerpt: 'Teaser P.',
      visibility: 'paid',
      action: 'publish',
      body: `${SECRET}-P`,
    });
    await create(
      { title: 'Gold letter', excerpt: 'Teaser G.', visibility: 'tiers', action: 'publish', body: `${SECRET}-G` },
      [goldTier],
    );
    await create({ title: 'Draft letter', visibility: 'public', action: 'draft', body: 'DRAFT-BODY' });

    const stranger = new TestClient(t.app);
    const members = await stranger.get('/posts/members-letter');
    assert.equal(members.statusCode, 200);
    assert.match(members.body, /Teaser M\./);
    assert.match(members.body, /href="\/join"/);
    assert.ok(!members.body.includes(SECRET));
    const paid = await stranger.get('/posts/paid-letter');
    assert.match(paid.body, /href="\/membership"/);
    assert.ok(!paid.body.includes(SECRET));
    assert.match((await stranger.get('/posts/open-letter')).body, /PUBLIC-BODY/);
    assert.equal((await stranger.get('/posts/draft-letter')).statusCode, 404);

    // A free member reads members' posts but not paid ones; a Gold subscriber reads all.
    await seedMember(db(), { email: 'free@example.com' });
    const free = await readerCookie(db(), 'free@example.com');
    assert.match((await stranger.get('/posts/members-letter', { cookie: free })).body, new RegExp(`${SECRET}-M`));
    const freePaid = await stranger.get('/posts/paid-letter', { cookie: free });
    assert.ok(!freePaid.body.includes(SECRET));
    assert.ok(!(await stranger.get('/posts/gold-letter', { cookie: free })).body.includes(SECRET));
    const goldId = await seedMember(db(), { email: 'gold@example.com' });
    await seedSubscription(db(), goldId, goldTier);
    const gold = await readerCookie(db(), 'gold@example.com');
    assert.match((await stranger.get('/posts/gold-letter', { cookie: gold })).body, new RegExp(`${SECRET}-G`));
    assert.match((await stranger.get('/posts/paid-letter', { cookie: gold })).body, new RegExp(`${SECRET}-P`));
    // An unconfirmed sign-up is not a member yet.
    await seedMember(db(), { email: 'pending@example.com', status: 'pending', confirmed: false });
    const pending = await readerCookie(db(), 'pending@example.com');
    assert.ok(!(await stranger.get('/posts/members-letter', { cookie: pending })).body.includes(SECRET));

    const archive = await stranger.get('/posts');
    assert.equal(archive.statusCode, 200);
    for (const title of ['Open letter', 'Members letter', 'Paid letter', 'Gold letter'])
      assert.ok(archive.body.includes(title));
    assert.ok(!archive.body.includes('Draft letter'));
    assert.ok(!archive.body.includes(SECRET), 'the archive shows teasers only');
    assert.ok(!(await stranger.get('/posts', { cookie: gold })).body.includes(SECRET));

    const feed = await stranger.get('/posts/feed.xml');
    assert.equal(feed.statusCode, 200);
    assert.match(feed.headers['content-type'] as string, /application\/rss\+xml/);
    assert.match(feed.body, /<title>Open letter<\/title>/);
    assert.match(feed.body, /PUBLIC-BODY/);
    assert.ok(!feed.body.includes(SECRET));
    assert.ok(!feed.body.includes('Members letter'));
    assert.ok(!feed.body.includes('Draft letter'));
  });

  test('feed and pages escape what the author wrote', async () => {
    await create({
      title: 'Tom & <Jerry> "quoted"',
      slug: 'escapes',
      visibility: 'public',
      action: 'publish',
      body: 'a < b & c',
    });
    const feed = await new TestClient(t.app).get('/posts/feed.xml');
    assert.match(feed.body, /<title>Tom &amp; &lt;Jerry&gt; &quot;quoted&quot;<\/title>/);
    assert.ok(!feed.body.includes('<Jerry>'));
    const page = await new TestClient(t.app).get('/posts/escapes');
    assert.ok(!page.body.includes('<Jerry>'));
  });

  test('archive is paginated', async () => {
    for (let i = 0; i < 21; i++) {
      await create({ title: `Filler ${i}`, slug: `filler-${i}`, visibility: 'public', action: 'publish' });
    }
    const first = await new TestClient(t.app).get('/posts');
    assert.match(first.body, /href="\/posts\?page=2"/);
    const second = await new TestClient(t.app).get('/posts?page=2');
    assert.equal(second.statusCode, 200);
    assert.match(second.body, /Newer posts/);
    assert.equal((await new TestClient(t.app).get('/posts?page=abc')).statusCode, 200);
  });

  test('a scheduled post is published (and emailed) by its job at its time, once', async () => {
    // Times are entered on the store's clock (its time-zone setting) and stored as UTC.
    await writeSetting(db(), 'store.timezone', 'America/New_York');
    const when = '2030-07-01T09:30';
    await seedMember(db(), { email: 'sched-reader@example.com' });
    const id = await create({
      title: 'Later',
      slug: 'later',
      visibility: 'public',
      action: 'schedule',
      publishAt: when,
      sendEmail: 'yes',
    });
    const post = await db().selectFrom('posts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(post.status, 'scheduled');
    assert.equal((await new TestClient(t.app).get('/posts/later')).statusCode, 404);
    const job = await db()
      .selectFrom('jobs')
      .selectAll()
      .where('kind', '=', 'posts.publish-scheduled')
      .executeTakeFirstOrThrow();
    assert.equal(post.publish_at, '2030-07-01T13:30:00.000Z', 'New York summer time is UTC−4');
    assert.equal(job.run_at, '2030-07-01T13:30:00.000Z');
    const editor = await admin.get(`/admin/posts/${id}`);
    assert.match(editor.body, /value="2030-07-01T09:30"/);
    assert.match(editor.body, /America\/New_York/);
    assert.match(editor.body, /1 Jul 2030, 09:30/);
    await t.drainJobs();
    assert.equal(
      (await db().selectFrom('posts').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status,
      'scheduled',
      'not before its time',
    );
    // Its time has come: the job runs (twice, as after a crash) and publishes once.
    await db()
      .updateTable('posts')
      .set({ publish_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', id)
      .execute();
    const ctx = { db: db(), services: t.services, log: t.services.log, job, signal: new AbortController().signal };
    await publishScheduledPostHandler.handle({ postId: id }, ctx);
    await publishScheduledPostHandler.handle({ postId: id }, ctx);
    assert.equal(
      (await db().selectFrom('posts').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status,
      'published',
    );
    assert.equal((await db().selectFrom('post_sends').select('id').where('post_id', '=', id).execute()).length, 1);
    await t.drainJobs();
    const mails = await db().selectFrom('emails').select('to_address').where('subject', '=', 'Later').execute();
    assert.ok(mails.some((m) => m.to_address === 'sched-reader@example.com'));
    assert.equal(mails.filter((m) => m.to_address === 'sched-reader@example.com').length, 1);
  });

  test('German admin and public texts', async () => {
    const de = await new TestClient(t.app).get('/posts', { cookie: 'vf_lang=de' });
    assert.match(de.body, /Beiträge/);
    const gated = await new TestClient(t.app).get('/posts/paid-letter', { cookie: 'vf_lang=de' });
    assert.match(gated.body, /Dieser Beitrag ist für zahlende Mitglieder/);
  });
});
