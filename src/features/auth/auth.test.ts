import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, TEST_ADMIN, type TestApp, TestClient } from '../../testing/app.js';

describe('admin login', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({ env: { LOGIN_MAX_ATTEMPTS: '3' } });
    await setUpStore(t.services);
  });
  after(() => t.close());

  test('admin pages redirect to login without a session', async () => {
    const res = await new TestClient(t.app).get('/admin');
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/admin/login?next=%2Fadmin');
  });

  test('login with the right password opens the dashboard; logout ends the session', async () => {
    const c = new TestClient(t.app);
    const res = await c.login();
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/admin');
    const cookie = res.cookies.find((x) => x.name === 'vf_admin');
    assert.ok(cookie?.httpOnly);
    assert.equal(cookie?.sameSite, 'Lax');
    const dash = await c.get('/admin');
    assert.equal(dash.statusCode, 200);
    assert.match(dash.body, /owner@example\.com/);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(dash.body)?.[1] ?? '';
    const out = await c.postForm('/admin/logout', {}, { csrf });
    assert.equal(out.statusCode, 303);
    assert.equal((await c.get('/admin')).statusCode, 303);
  });

  test('a form without a valid CSRF token is refused and changes nothing', async () => {
    const c = new TestClient(t.app);
    const res = await c.postForm(
      '/admin/login',
      { email: TEST_ADMIN.email, password: TEST_ADMIN.password },
      { csrf: null },
    );
    assert.equal(res.statusCode, 403);
    assert.equal(
      res.cookies.find((x) => x.name === 'vf_admin'),
      undefined,
    );
    const forged = await c.postForm(
      '/admin/login',
      { email: TEST_ADMIN.email, password: TEST_ADMIN.password },
      { csrf: 'forged' },
    );
    assert.equal(forged.statusCode, 403);
  });

  test('wrong passwords lock the address from that IP; even the right one is refused then', async () => {
    await setUpStore(t.services); // no-op: set-up happens once
    const c = new TestClient(t.app);
    for (let i = 0; i < 2; i++) {
      const r = await c.login(TEST_ADMIN.email, 'wrong password');
      assert.equal(r.statusCode, 401);
      assert.match(r.body, /Email address or password is wrong/);
    }
    const locked = await c.login(TEST_ADMIN.email, 'wrong password');
    assert.equal(locked.statusCode, 429);
    const right = await c.login();
    assert.equal(right.statusCode, 429);
    assert.match(right.body, /Too many failed attempts/);
    // unlock for other tests
    await t.services.database.db.deleteFrom('login_throttle').execute();
  });

  test('an unknown email gets the same answer as a wrong password', async () => {
    const r = await new TestClient(t.app).login('nobody@example.com', 'whatever123');
    assert.equal(r.statusCode, 401);
    assert.match(r.body, /Email address or password is wrong/);
  });

  test('`next` only redirects within the site', async () => {
    const c = new TestClient(t.app);
    const r = await c.postForm(
      '/admin/login',
      { ...TEST_ADMIN, next: '//evil.example.com/' },
      { formPage: '/admin/login' },
    );
    assert.equal(r.headers.location, '/admin');
  });
});
