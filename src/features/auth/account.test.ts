import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, TEST_ADMIN, type TestApp, TestClient } from '../../testing/app.js';
import { findAdminByEmail } from './queries.js';
import { currentTotp } from './totp.js';

function csrfOf(body: string): string {
  return /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? '';
}

describe('admin account', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
  });
  after(() => t.close());

  test('two-factor: enrol, then login needs a code; a wrong code is refused; disable again', async () => {
    const c = new TestClient(t.app);
    await c.login();
    const start = await c.postForm('/admin/account/2fa/start', {}, { formPage: '/admin/account' });
    assert.equal(start.statusCode, 200);
    assert.match(start.body, /data:image\/svg\+xml;base64,/);
    const user = await findAdminByEmail(t.services.database.db, TEST_ADMIN.email);
    assert.ok(user?.totp_secret);
    assert.equal(user.totp_enabled, 0);

    const wrong = await c.postForm('/admin/account/2fa/confirm', { code: '000000' }, { csrf: csrfOf(start.body) });
    assert.equal(wrong.statusCode, 400);
    const ok = await c.postForm(
      '/admin/account/2fa/confirm',
      { code: currentTotp(user.totp_secret) },
      { csrf: csrfOf(start.body) },
    );
    assert.equal(ok.statusCode, 303);

    const fresh = new TestClient(t.app);
    const login = await fresh.login();
    assert.equal(login.headers.location, '/admin/login/2fa');
    assert.equal((await fresh.get('/admin')).headers.location, '/admin/login/2fa', 'no admin access before the code');
    const bad = await fresh.postForm('/admin/login/2fa', { code: '123456' });
    assert.equal(bad.statusCode, 401);
    const good = await fresh.postForm('/admin/login/2fa', { code: currentTotp(user.totp_secret) });
    assert.equal(good.headers.location, '/admin');
    assert.equal((await fresh.get('/admin')).statusCode, 200);

    const off = await fresh.postForm(
      '/admin/account/2fa/disable',
      { password: TEST_ADMIN.password, code: currentTotp(user.totp_secret) },
      { formPage: '/admin/account' },
    );
    assert.equal(off.statusCode, 303);
    assert.equal((await findAdminByEmail(t.services.database.db, TEST_ADMIN.email))?.totp_enabled, 0);
  });

  test('changing the password needs the current one and signs out other sessions', async () => {
    const a = new TestClient(t.app);
    const b = new TestClient(t.app);
    await a.login();
    await b.login();
    const wrong = await a.postForm(
      '/admin/account/password',
      { currentPassword: 'not it at all', newPassword: 'a brand new password' },
      { formPage: '/admin/account' },
    );
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /current password is not right/);
    const short = await a.postForm(
      '/admin/account/password',
      { currentPassword: TEST_ADMIN.password, newPassword: 'short' },
      { formPage: '/admin/account' },
    );
    assert.equal(short.statusCode, 400);
    const ok = await a.postForm(
      '/admin/account/password',
      { currentPassword: TEST_ADMIN.password, newPassword: 'a brand new password' },
      { formPage: '/admin/account' },
    );
    assert.equal(ok.statusCode, 303);
    assert.equal((await a.get('/admin')).statusCode, 200, 'this session stays');
    assert.equal((await b.get('/admin')).statusCode, 303, 'the other one ends');
    assert.equal(
      (await new TestClient(t.app).login(TEST_ADMIN.email, 'a brand new password')).headers.location,
      '/admin',
    );
    // restore for other tests
    const back = await a.postForm(
      '/admin/account/password',
      { currentPassword: 'a brand new password', newPassword: TEST_ADMIN.password },
      { formPage: '/admin/account' },
    );
    assert.equal(back.statusCode, 303);
  });

  test('the admin language is stored and used', async () => {
    const c = new TestClient(t.app);
    await c.login();
    const r = await c.postForm('/admin/account/language', { locale: 'de' }, { formPage: '/admin/account' });
    assert.equal(r.statusCode, 303);
    assert.equal((await findAdminByEmail(t.services.database.db, TEST_ADMIN.email))?.locale, 'de');
    const page = await c.get('/admin/account');
    assert.match(page.body, /<html lang="de"/);
    assert.match(page.body, /Konto &amp; Sicherheit/);
    const bad = await c.postForm('/admin/account/language', { locale: 'xx' }, { formPage: '/admin/account' });
    assert.equal(bad.statusCode, 400);
  });
});
