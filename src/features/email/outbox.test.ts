import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, TEST_ADMIN, type TestApp, TestClient } from '../../testing/app.js';
import { OUTBOX_PAGE_SIZE } from './outbox.js';
import { PREVIEW_CSP } from './preview.js';
import { queueEmail } from './queue-email.js';

const HOSTILE = '<script>alert("x")</script> & <b>Shop</b>';

function queueTest(t: TestApp, to: string, storeName = 'Test Store') {
  return queueEmail(t.services.database.db, {
    to,
    locale: 'en',
    template: 'test-message',
    data: { storeName },
    headers: { 'List-Unsubscribe': '<https://shop.example/unsubscribe/1>' },
  });
}

/** The rows of the outbox table, as "to|status" in page order. */
function tableRows(html: string): string[] {
  const body = /<tbody>([\s\S]*)<\/tbody>/.exec(html)?.[1] ?? '';
  return [...body.matchAll(/<tr><td>([^<]*)<\/td>[\s\S]*?class="badge (\w+)"/g)].map((m) => `${m[1]}|${m[2]}`);
}

describe('admin email outbox', () => {
  let t: TestApp;
  let admin: TestClient;
  let sentId: string;
  let queuedId: string;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    admin = new TestClient(t.app);
    assert.equal((await admin.login()).statusCode, 303);
  });
  after(() => t.close());

  test('an empty outbox says so', async () => {
    const res = await admin.get('/admin/emails');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<h1>Email outbox<\/h1>/);
    assert.match(res.body, /class="empty">No emails yet\./);
    assert.match(res.body, /No SMTP server is set up/);
  });

  test('lists a kept and a queued message, newest first, and filters by status', async () => {
    sentId = (await queueTest(t, 'first@example.com'))!;
    assert.equal(await t.drainJobs(), 1);
    queuedId = (await queueTest(t, 'second@example.com'))!;

    const res = await admin.get('/admin/emails');
    assert.equal(res.statusCode, 200);
    // Without SMTP the outbox transport keeps the email: it was never sent, and the list says so.
    assert.deepEqual(tableRows(res.body), ['second@example.com|queued', 'first@example.com|kept']);
    assert.match(res.body, /<th scope="col">Subject<\/th>/);
    assert.match(res.body, new RegExp(`href="/admin/emails/${sentId}"`));
    assert.match(
      res.body,
      /Test email <code class="muted small">test-message<\/code>/,
      'the template in words, then its name',
    );
    assert.doesNotMatch(res.body, />Sent</, 'nothing is called sent');
    assert.match(res.body, /All \(2\)/);

    const sent = await admin.get('/admin/emails?status=sent');
    assert.deepEqual(tableRows(sent.body), ['first@example.com|kept']);
    assert.match(sent.body, />Kept in the outbox \(1\)</);
    assert.match(sent.body, /href="\/admin\/emails\?status=sent" aria-current="page"/);
    const failed = await admin.get('/admin/emails?status=failed');
    assert.match(failed.body, /No emails with this status\./);
    assert.equal((await admin.get('/admin/emails?status=bogus')).statusCode, 400);
  });

  test('the detail page shows the metadata, a sandboxed preview and the text version', async () => {
    const res = await admin.get(`/admin/emails/${sentId}`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /first@example\.com/);
    assert.match(res.body, /<h1>Test message from Test Store<\/h1>/);
    assert.match(res.body, /class="badge kept">Kept in the outbox</);
    assert.match(res.body, /Outbox only \(not delivered\)/);
    assert.match(res.body, new RegExp(`<code>&lt;${sentId}@outbox.vielfach(&gt;|>)</code>`));
    assert.match(res.body, /List-Unsubscribe: &lt;https:\/\/shop\.example\/unsubscribe\/1(&gt;|>)</);
    assert.match(
      res.body,
      new RegExp(
        `<iframe[^>]*sandbox="allow-popups allow-popups-to-escape-sandbox"[^>]*src="/admin/emails/${sentId}/html"`,
      ),
    );
    assert.match(res.body, /<iframe[^>]*title="HTML version of the email"/);
    assert.match(res.body, /<pre class="text">Test Store\n\nEmail works\n\nThis test message shows/);
  });

  test('the detail page follows the chosen language', async () => {
    const res = await admin.get(`/admin/emails/${queuedId}`, { cookie: `${admin.cookieHeader}; vf_lang=de` });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Zurück zum E-Mail-Ausgang/);
    assert.match(res.body, /class="badge queued">Wartend</);
  });

  test('the HTML route serves the email under its own sandbox policy, links opening in a new tab', async () => {
    const res = await admin.get(`/admin/emails/${sentId}/html`);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-security-policy'], PREVIEW_CSP);
    assert.match(
      String(res.headers['content-security-policy']),
      /^sandbox allow-popups allow-popups-to-escape-sandbox;/,
    );
    assert.match(String(res.headers['content-type']), /^text\/html; charset=utf-8/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.headers['x-frame-options'], 'SAMEORIGIN');
    assert.match(res.body, /^<!doctype html><html lang="en"><head><base target="_blank">/);
    assert.match(res.body, /Email works/);
  });

  test('visitors without an admin session are sent to the login', async () => {
    const anon = new TestClient(t.app);
    for (const url of ['/admin/emails', `/admin/emails/${sentId}`, `/admin/emails/${sentId}/html`]) {
      const res = await anon.get(url);
      assert.equal(res.statusCode, 303, url);
      assert.equal(res.headers.location, `/admin/login?next=${encodeURIComponent(url)}`);
      assert.doesNotMatch(res.body, /Test message/);
    }
    const before = await t.services.database.db.selectFrom('emails').select('id').execute();
    const post = await anon.postForm('/admin/emails/test', {}, { formPage: '/admin/login' });
    assert.equal(post.statusCode, 303);
    assert.match(String(post.headers.location), /^\/admin\/login/);
    const afterPost = await t.services.database.db.selectFrom('emails').select('id').execute();
    assert.equal(afterPost.length, before.length);
  });

  test('unknown ids are 404, malformed ids 400', async () => {
    for (const url of [`/admin/emails/${randomUUID()}`, `/admin/emails/${randomUUID()}/html`]) {
      assert.equal((await admin.get(url)).statusCode, 404, url);
    }
    for (const url of ['/admin/emails/nope', '/admin/emails/1%27%20OR%201=1', '/admin/emails/%00/html']) {
      assert.equal((await admin.get(url)).statusCode, 400, url);
    }
    // Longer than the router accepts for a parameter: refused before any handler runs.
    assert.equal((await admin.get(`/admin/emails/${'a'.repeat(500)}/html`)).statusCode, 414);
  });

  test('the test button queues a message to the logged-in admin and says so', async () => {
    const res = await admin.postForm('/admin/emails/test', {}, { formPage: '/admin/emails' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/admin/emails?notice=test-queued');
    const page = await admin.get(String(res.headers.location));
    assert.match(page.body, /A test email to owner@example\.com has been queued\./);

    const db = t.services.database.db;
    const email = await db.selectFrom('emails').selectAll().orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    assert.equal(email.to_address, TEST_ADMIN.email);
    assert.equal(email.template, 'test-message');
    assert.equal(email.status, 'queued');
    const audit = await db.selectFrom('audit_log').selectAll().where('action', '=', 'email.test_queued').execute();
    assert.equal(audit.length, 1);
    await t.drainJobs();
    assert.equal(
      (await db.selectFrom('emails').select('status').where('id', '=', email.id).executeTakeFirst())?.status,
      'sent',
    );
  });

  test('the test button needs the form token', async () => {
    const res = await admin.postForm('/admin/emails/test', {}, { csrf: null });
    assert.equal(res.statusCode, 403);
  });

  test('HTML in template data is escaped in the email and on the admin pages', async () => {
    const id = (await queueTest(t, 'x@example.com', HOSTILE))!;
    const row = await t.services.database.db
      .selectFrom('emails')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.doesNotMatch(row.html, /<script>|<b>Shop/);
    // preact escapes `<`, `&` and quotes; a lone `>` cannot open a tag.
    assert.match(row.html, /&lt;script>alert\(&quot;x&quot;\)&lt;\/script> &amp; &lt;b>Shop&lt;\/b>/);
    assert.match(row.text, /<script>alert\("x"\)<\/script> & <b>Shop<\/b>/, 'plain text stays plain');

    for (const url of ['/admin/emails', `/admin/emails/${id}`, `/admin/emails/${id}/html`]) {
      const res = await admin.get(url);
      assert.equal(res.statusCode, 200, url);
      assert.doesNotMatch(res.body, /<script>alert|<b>Shop/, url);
    }
  });
});

describe('admin email outbox paging', () => {
  let t: TestApp;
  let admin: TestClient;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    admin = new TestClient(t.app);
    await admin.login();
    const start = Date.parse('2026-01-01T00:00:00Z');
    const rows = Array.from({ length: OUTBOX_PAGE_SIZE + 5 }, (_, i) => ({
      id: randomUUID(),
      to_address: `r${String(i).padStart(3, '0')}@example.com`,
      subject: `Message ${i}`,
      html: '<p>hi</p>',
      text: 'hi',
      template: 'test-message',
      locale: 'en',
      status: 'sent' as const,
      transport: 'smtp',
      message_id: null,
      error: null,
      headers: '{}',
      created_at: new Date(start + i * 60_000).toISOString(),
      sent_at: new Date(start + i * 60_000).toISOString(),
    }));
    await t.services.database.db.insertInto('emails').values(rows).execute();
  });
  after(() => t.close());

  test('pages hold a fixed number of rows, newest first, with links between them', async () => {
    const first = await admin.get('/admin/emails');
    const rows1 = tableRows(first.body);
    assert.equal(rows1.length, OUTBOX_PAGE_SIZE);
    assert.equal(rows1[0], `r${String(OUTBOX_PAGE_SIZE + 4).padStart(3, '0')}@example.com|sent`);
    assert.match(first.body, /href="\/admin\/emails\?page=2" rel="next">Older</);
    assert.doesNotMatch(first.body, /rel="prev"/);

    const second = await admin.get('/admin/emails?page=2');
    const rows2 = tableRows(second.body);
    assert.equal(rows2.length, 5);
    assert.equal(rows2.at(-1), 'r000@example.com|sent');
    assert.match(second.body, /href="\/admin\/emails" rel="prev">Newer</);
    assert.doesNotMatch(second.body, /rel="next"/);

    const filtered = await admin.get('/admin/emails?status=sent');
    assert.match(filtered.body, /href="\/admin\/emails\?status=sent&amp;page=2" rel="next"/);
  });

  test('a malformed page number is a 400, not a crash', async () => {
    for (const q of ['page=0', 'page=abc', 'page=-1', 'page=1e9']) {
      assert.equal((await admin.get(`/admin/emails?${q}`)).statusCode, 400, q);
    }
  });
});
