import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { savePost } from './save-post.js';
import { seedMember } from './testing.js';

describe("admin: a send's recipients that failed, bounced or are unknown", () => {
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

  test('each problem status lists its addresses with the reason; counts link there; admins only', async () => {
    const ok = await seedMember(db(), { email: 'fine@example.com' });
    const bounced = await seedMember(db(), { email: 'gone-box@example.com' });
    const unknown = await seedMember(db(), { email: 'maybe@example.com' });
    const saved = await savePost(db(), {
      actor: 'test',
      input: {
        title: 'Issue <7>',
        slug: 'issue-7',
        excerpt: '',
        bodyMd: 'Hello',
        visibility: 'public',
        tierIds: [],
        sendEmail: true,
        action: 'publish',
        publishAt: null,
      },
    });
    assert.equal(saved.kind, 'ok');
    const id = saved.kind === 'ok' ? saved.id : '';
    await t.drainJobs();
    // What a real SMTP run records for a permanent refusal and an interrupted hand-over.
    await db()
      .updateTable('post_deliveries')
      .set({ status: 'bounced', error: '550 5.1.1 <gone-box@example.com>: mailbox unavailable', attempts: 1 })
      .where('post_id', '=', id)
      .where('member_id', '=', bounced)
      .execute();
    await db()
      .updateTable('post_deliveries')
      .set({ status: 'unknown', error: 'interrupted while handing over' })
      .where('post_id', '=', id)
      .where('member_id', '=', unknown)
      .execute();

    const editor = await admin.get(`/admin/posts/${id}`);
    assert.match(editor.body, new RegExp(`href="/admin/posts/${id}/recipients\\?status=bounced">1</a>`));
    assert.match(editor.body, new RegExp(`href="/admin/posts/${id}/recipients\\?status=unknown">1</a>`));
    assert.doesNotMatch(editor.body, /recipients\?status=failed/, 'no link for an empty status');

    const page = await admin.get(`/admin/posts/${id}/recipients?status=bounced`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Recipients of “Issue &lt;7>”/);
    assert.match(page.body, /gone-box@example\.com/);
    assert.match(page.body, /550 5\.1\.1 &lt;gone-box@example\.com>: mailbox unavailable/);
    assert.doesNotMatch(page.body, /maybe@example\.com|fine@example\.com/);
    assert.match(page.body, new RegExp(`href="/admin/members/${bounced}"`));

    const unknownPage = await admin.get(`/admin/posts/${id}/recipients?status=unknown`);
    assert.match(unknownPage.body, /maybe@example\.com/);
    assert.match(unknownPage.body, /not sent again/);
    const failed = await admin.get(`/admin/posts/${id}/recipients?status=failed`);
    assert.match(failed.body, /No recipients with this status/);
    // A status that is not a problem (or nonsense) shows the failed list rather than everyone.
    const sent = await admin.get(`/admin/posts/${id}/recipients?status=sent`);
    assert.equal(sent.statusCode, 200);
    assert.doesNotMatch(sent.body, /fine@example\.com/);
    assert.ok(ok);

    const de = await admin.get(`/admin/posts/${id}/recipients?status=bounced`, {
      cookie: `${admin.cookieHeader}; vf_lang=de`,
    });
    assert.match(de.body, /dauerhaft abgelehnt/);

    const stranger = await new TestClient(t.app).get(`/admin/posts/${id}/recipients?status=bounced`);
    assert.notEqual(stranger.statusCode, 200);
    assert.doesNotMatch(stranger.body, /gone-box@example\.com/);
    const noSend = await savePost(db(), {
      actor: 'test',
      input: {
        title: 'Unsent',
        slug: 'unsent',
        excerpt: '',
        bodyMd: '',
        visibility: 'public',
        tierIds: [],
        sendEmail: false,
        action: 'draft',
        publishAt: null,
      },
    });
    const noSendId = noSend.kind === 'ok' ? noSend.id : '';
    assert.equal((await admin.get(`/admin/posts/${noSendId}/recipients`)).statusCode, 404);
  });
});
