// Failed admin logins over real HTTP: the answer never tells whose address is
// the admin's, and a stranger's guesses never lock the owner out.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, TEST_ADMIN, type TestApp } from '../../testing/app.js';
import { HttpClient, listenLocal } from '../../testing/http.js';
import { DUMMY_PASSWORD_HASH, hashPassword } from './passwords.js';

/** The login page's alert, with the time it names (which moves on) replaced. */
function alertText(body: string): string {
  const text = /role="alert">([^<]*)</.exec(body)?.[1] ?? '';
  return text.replace(/after .*?, or/, 'after TIME, or');
}

describe('admin login: failed attempts', () => {
  let t: TestApp;
  let base: string;
  before(async () => {
    // The client IP comes from X-Forwarded-For, as behind a reverse proxy.
    t = await buildTestApp({ env: { LOGIN_MAX_ATTEMPTS: '3', TRUST_PROXY: '1' } });
    await setUpStore(t.services);
    base = await listenLocal(t.app);
  });
  after(() => t.close());

  const from = (ip: string) => new HttpClient(base, { 'x-forwarded-for': ip });
  const login = (c: HttpClient, email: string, password: string) => c.postForm('/admin/login', { email, password });

  test('a known and an unknown address get the same answer, also once locked', async () => {
    const c = from('203.0.113.10');
    const unknown = 'nobody-here@example.com';
    for (let i = 1; i <= 3; i++) {
      const known = await login(c, TEST_ADMIN.email, 'wrong password');
      const stranger = await login(c, unknown, 'wrong password');
      assert.equal(known.status, stranger.status, `attempt ${i}: same status`);
      assert.equal(alertText(known.body), alertText(stranger.body), `attempt ${i}: same message`);
      assert.equal(known.status, i < 3 ? 401 : 429);
    }
    const lockedText = alertText((await login(c, unknown, 'wrong password')).body);
    assert.match(lockedText, /Too many failed attempts\. Please try again after TIME, or reset your password\./);
    assert.doesNotMatch(lockedText, /account/i, 'nothing says an account exists');
  });

  test('guesses from one IP do not lock the owner out elsewhere', async () => {
    const attacker = from('198.51.100.7');
    for (let i = 0; i < 3; i++) await login(attacker, TEST_ADMIN.email, 'guess number one');
    const blocked = await login(attacker, TEST_ADMIN.email, TEST_ADMIN.password);
    assert.equal(blocked.status, 429, 'the guessing IP is refused even with the right password');

    const owner = from('192.0.2.44');
    const ok = await login(owner, TEST_ADMIN.email, TEST_ADMIN.password);
    assert.equal(ok.status, 303);
    assert.equal(ok.location, '/admin');
    assert.equal((await owner.get('/admin')).status, 200);
  });

  test('a successful sign-in forgets the earlier failures from that IP', async () => {
    const c = () => from('192.0.2.77'); // a fresh browser each time: signed in, the login page redirects
    for (let i = 0; i < 2; i++) assert.equal((await login(c(), TEST_ADMIN.email, 'typo password')).status, 401);
    assert.equal((await login(c(), TEST_ADMIN.email, TEST_ADMIN.password)).status, 303);
    for (let i = 0; i < 2; i++) assert.equal((await login(c(), TEST_ADMIN.email, 'typo password')).status, 401);
    assert.equal((await login(c(), TEST_ADMIN.email, TEST_ADMIN.password)).status, 303, 'still not locked');
  });

  test('a password reset unlocks the address on every IP', async () => {
    const c = from('198.51.100.99');
    for (let i = 0; i < 3; i++) await login(c, TEST_ADMIN.email, 'someone guessing');
    assert.equal((await login(c, TEST_ADMIN.email, TEST_ADMIN.password)).status, 429);

    const asked = await c.postForm('/admin/password-reset', { email: TEST_ADMIN.email });
    assert.equal(asked.status, 200);
    await t.drainJobs();
    const mail = await t.services.database.db
      .selectFrom('emails')
      .select('text')
      .where('to_address', '=', TEST_ADMIN.email)
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    const link = /https?:\/\/[^\s"<]+\/admin\/password-reset\/[\w-]+/.exec(mail.text ?? '')?.[0];
    assert.ok(link);
    const path = new URL(link).pathname;
    const done = await c.postForm(path, { password: 'a brand new password' });
    assert.equal(done.location, '/admin/login?reset=1');

    const after = await login(c, TEST_ADMIN.email, 'a brand new password');
    assert.equal(after.status, 303, 'the locked IP may sign in again');
    assert.equal(after.location, '/admin');
  });

  test('an unknown address costs as much time as a wrong password for the real one', async () => {
    const time = async (ip: string, email: string) => {
      const c = from(ip);
      const start = process.hrtime.bigint();
      const r = await login(c, email, 'wrong password');
      assert.equal(r.status, 401);
      return Number(process.hrtime.bigint() - start) / 1e6;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    // One attempt per IP stays below the lock; alternating lets load on the machine hit both alike.
    for (let i = 0; i < 4; i++) {
      known.push(await time(`203.0.113.${200 + i}`, TEST_ADMIN.email));
      unknown.push(await time(`203.0.113.${210 + i}`, `unknown-${i}@example.com`));
    }
    // The fastest of each: least disturbed by whatever else the machine is doing.
    const least = (xs: number[]) => Math.min(...xs);
    const ratio = least(unknown) / least(known);
    assert.ok(ratio > 0.5 && ratio < 2, `unknown ${least(unknown)} ms vs known ${least(known)} ms`);
  });

  test('the stand-in hash for unknown addresses has the parameters of real ones', async () => {
    const params = (h: string) => h.split('$').slice(1, 4).join('$');
    assert.equal(params(DUMMY_PASSWORD_HASH), params(await hashPassword('anything at all')));
  });
});
