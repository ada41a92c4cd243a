import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, TEST_ADMIN, type TestApp, TestClient } from '../../testing/app.js';

describe('password reset by email', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
  });
  after(() => t.close());

  const outbox = () => t.services.database.db.selectFrom('emails').selectAll().orderBy('created_at').execute();

  test('an unknown address gets the same answer and no email', async () => {
    const r = await new TestClient(t.app).postForm('/admin/password-reset', { email: 'stranger@example.com' });
    assert.equal(r.statusCode, 200);
    assert.match(r.body, /If an admin account exists/);
    assert.equal((await outbox()).length, 0);
  });

  test('a bad address is a form error', async () => {
    const r = await new TestClient(t.app).postForm('/admin/password-reset', { email: 'not-an-email' });
    assert.equal(r.statusCode, 400);
    assert.match(r.body, /valid email address/);
  });

  test('the emailed link (asked for with the address pasted with spaces) sets a new password once, unlocks and ends sessions', async () => {
    const old = new TestClient(t.app);
    await old.login();
    await t.services.database.db.updateTable('admin_users').set({ locked_until: '2999-01-01T00:00:00.000Z' }).execute();

    const r = await new TestClient(t.app).postForm('/admin/password-reset', {
      email: ` ${TEST_ADMIN.email.toUpperCase()} `,
    });
    assert.match(r.body, /If an admin account exists/);
    assert.equal(await t.drainJobs(), 1);
    const [mail] = await outbox();
    assert.equal(mail?.to_address, TEST_ADMIN.email);
    assert.equal(mail?.status, 'sent');
    const link = /http:\/\/[^\s"<]+\/admin\/password-reset\/[\w-]+/.exec(mail?.text ?? '')?.[0];
    assert.ok(link, 'the text version carries the link');
    const path = new URL(link).pathname;

    const c = new TestClient(t.app);
    assert.equal((await c.get(path)).statusCode, 200);
    const weak = await c.postForm(path, { password: 'short' });
    assert.equal(weak.statusCode, 400);
    const done = await c.postForm(path, { password: 'my new long password' });
    assert.equal(done.headers.location, '/admin/login?reset=1');
    assert.equal((await old.get('/admin')).statusCode, 303, 'old sessions are gone');
    assert.equal((await c.login(TEST_ADMIN.email, 'my new long password')).headers.location, '/admin', 'and unlocked');

    const again = await c.get(path);
    assert.equal(again.statusCode, 410, 'single use');
    const reuse = await c.postForm(path, { password: 'yet another password' }, { formPage: '/admin/password-reset' });
    assert.equal(reuse.statusCode, 410);
  });

  test('a made-up token is rejected', async () => {
    const r = await new TestClient(t.app).get('/admin/password-reset/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    assert.equal(r.statusCode, 410);
    assert.match(r.body, /invalid, expired or already used/);
  });
});
