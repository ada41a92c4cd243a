import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { pngImage, postMultipart } from '../catalog/testing.js';
import { seedMember } from './testing.js';

describe('posts: unpublish and delete', () => {
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

  const submit = async (url: string, fields: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url,
      payload: new URLSearchParams({ _csrf: await admin.csrfFrom('/admin/posts/new'), ...fields }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: admin.cookieHeader },
    });
  const create = async (fields: Record<string, string>) => {
    const res = await submit('/admin/posts/new', { sendEmail: '', visibility: 'public', ...fields });
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    return /\/admin\/posts\/([0-9a-f-]{36})/.exec(res.headers.location as string)![1]!;
  };
  const statusOf = async (id: string) =>
    (await db().selectFrom('posts').select('status').where('id', '=', id).executeTakeFirst())?.status;

  test('unpublishing takes the post off its page, the archive and the feed; a running send is not recalled', async () => {
    await seedMember(db(), { email: 'unpub-reader@example.com' });
    const id = await create({ title: 'Short lived', slug: 'short-lived', action: 'publish', sendEmail: 'yes' });
    assert.equal((await new TestClient(t.app).get('/posts/short-lived')).statusCode, 200);
    assert.match((await new TestClient(t.app).get('/posts/feed.xml')).body, /Short lived/);

    const res = await submit(`/admin/posts/${id}/unpublish`, {});
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/admin/posts/${id}?done=unpublished`);
    assert.equal(await statusOf(id), 'draft');
    assert.equal((await new TestClient(t.app).get('/posts/short-lived')).statusCode, 404);
    assert.doesNotMatch((await new TestClient(t.app).get('/posts')).body, /Short lived/);
    assert.doesNotMatch((await new TestClient(t.app).get('/posts/feed.xml')).body, /Short lived/);
    const page = await admin.get(`/admin/posts/${id}?done=unpublished`);
    assert.match(page.body, /The post is a draft again/);

    // The send that had started goes on (not recalled) and is the post's only one.
    await t.drainJobs();
    const mails = await db()
      .selectFrom('emails')
      .select('id')
      .where('to_address', '=', 'unpub-reader@example.com')
      .where('subject', '=', 'Short lived')
      .execute();
    assert.equal(mails.length, 1);
    // Publishing again shows it again, but does not email it twice.
    await submit(`/admin/posts/${id}`, {
      title: 'Short lived',
      slug: 'short-lived',
      visibility: 'public',
      sendEmail: 'yes',
      action: 'publish',
    });
    assert.equal((await new TestClient(t.app).get('/posts/short-lived')).statusCode, 200);
    await t.drainJobs();
    assert.equal(
      (
        await db()
          .selectFrom('emails')
          .select('id')
          .where('to_address', '=', 'unpub-reader@example.com')
          .where('subject', '=', 'Short lived')
          .execute()
      ).length,
      1,
    );

    // A draft cannot be unpublished: the editor says so (400); strangers and missing posts get nothing.
    const draft = await create({ title: 'Only a draft', action: 'draft' });
    const again = await submit(`/admin/posts/${draft}/unpublish`, {});
    assert.equal(again.statusCode, 400);
    assert.match(again.body, /not published or scheduled/);
    const anon = new TestClient(t.app);
    const csrf = await anon.csrfFrom('/join');
    const denied = await t.app.inject({
      method: 'POST',
      url: `/admin/posts/${id}/unpublish`,
      payload: new URLSearchParams({ _csrf: csrf }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: anon.cookieHeader },
    });
    assert.ok(!String(denied.headers.location ?? '').startsWith('/admin/posts'), 'sent to log in');
    assert.equal(await statusOf(id), 'published');
    assert.equal((await submit('/admin/posts/00000000-0000-4000-8000-000000000000/unpublish', {})).statusCode, 404);
  });

  test('cancelling a schedule: the post stays unpublished when its time comes', async () => {
    const when = '2030-01-10T10:00';
    const id = await create({ title: 'Planned', slug: 'planned', action: 'schedule', publishAt: when });
    assert.equal(await statusOf(id), 'scheduled');
    const editor = await admin.get(`/admin/posts/${id}`);
    assert.match(editor.body, /Cancel the schedule/);
    assert.equal((await submit(`/admin/posts/${id}/unpublish`, {})).statusCode, 303);
    assert.equal(await statusOf(id), 'draft');
    const pending = await db()
      .selectFrom('jobs')
      .select('id')
      .where('kind', '=', 'posts.publish-scheduled')
      .where('status', '=', 'pending')
      .where('unique_key', 'like', `post-publish:${id}:%`)
      .execute();
    assert.equal(pending.length, 0);
    await db()
      .updateTable('jobs')
      .set({ run_at: new Date(0).toISOString() })
      .where('kind', '=', 'posts.publish-scheduled')
      .execute();
    await t.drainJobs();
    assert.equal(await statusOf(id), 'draft');
    assert.equal((await new TestClient(t.app).get('/posts/planned')).statusCode, 404);
  });

  test('deleting: a confirmation first, only drafts, images removed from storage', async () => {
    const id = await create({ title: 'To delete', slug: 'to-delete', action: 'publish', sendEmail: 'yes' });
    const editor = `/admin/posts/${id}`;
    const up = await postMultipart(
      t.app,
      admin,
      `${editor}/images`,
      [{ name: 'image', filename: 'a.png', content: await pngImage(), type: 'image/png' }],
      editor,
    );
    assert.equal(up.statusCode, 303);
    const image = await db()
      .selectFrom('post_images')
      .select('storage_key')
      .where('post_id', '=', id)
      .executeTakeFirstOrThrow();
    assert.notEqual(await t.services.storage.size(image.storage_key), undefined);

    // Published: refused (400), kept.
    const confirm = await admin.get(`${editor}/delete`);
    assert.equal(confirm.statusCode, 200);
    assert.match(confirm.body, /Only drafts can be deleted/);
    const refused = await submit(`${editor}/delete`, {});
    assert.equal(refused.statusCode, 400);
    assert.equal(await statusOf(id), 'published');

    // Its send still running: refused until it is done.
    assert.equal((await submit(`${editor}/unpublish`, {})).statusCode, 303);
    const running = await db()
      .selectFrom('post_sends')
      .select('status')
      .where('post_id', '=', id)
      .executeTakeFirstOrThrow();
    assert.notEqual(running.status, 'done', 'its jobs have not run yet');
    const busy = await submit(`${editor}/delete`, {});
    assert.equal(busy.statusCode, 400);
    assert.match(busy.body, /still being sent/);
    await t.drainJobs();

    // A draft: the confirmation page, then deleted with its send, deliveries and image files.
    const page = await admin.get(`${editor}/delete`);
    assert.match(page.body, /Delete “To delete”\?/);
    assert.match(page.body, /Delete for good/);
    const done = await submit(`${editor}/delete`, {});
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, '/admin/posts?done=deleted');
    assert.match((await admin.get('/admin/posts?done=deleted')).body, /The post was deleted/);
    assert.equal(await statusOf(id), undefined);
    assert.equal((await db().selectFrom('post_images').select('id').where('post_id', '=', id).execute()).length, 0);
    assert.equal((await db().selectFrom('post_sends').select('id').where('post_id', '=', id).execute()).length, 0);
    await t.drainJobs();
    assert.equal(await t.services.storage.size(image.storage_key), undefined, 'the image file is gone');
    assert.equal((await admin.get(editor)).statusCode, 404);
    assert.equal((await submit(`${editor}/delete`, {})).statusCode, 404);
  });
});
