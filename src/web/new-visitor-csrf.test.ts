import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { test } from 'node:test';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import Fastify from 'fastify';
import { cookieSigner, freshRandomBytes, newVisitorCsrfToken } from './new-visitor-csrf.js';

const KEY = 'a session secret of enough length for signing';

/** The plugins as app.ts registers them, with a route that makes the secret either way. */
async function appWith(secure: boolean) {
  const app = Fastify();
  await app.register(cookie, { secret: KEY });
  await app.register(formbody);
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieOpts: { signed: true, httpOnly: true, sameSite: 'lax', path: '/', secure },
  });
  app.get('/fast', async (_req, reply) => reply.send(newVisitorCsrfToken(reply, { key: KEY, secure })));
  app.get('/plugin', async (_req, reply) => reply.send(reply.generateCsrf()));
  app.post('/form', { preValidation: app.csrfProtection }, async () => 'ok');
  return app;
}

const cookieOf = (setCookie: string | string[] | undefined) => String(setCookie).split(';')[0] ?? '';

for (const secure of [false, true]) {
  test(`a new visitor's secret and token are the plugin's (secure cookies: ${secure})`, async () => {
    const app = await appWith(secure);
    const fast = await app.inject('/fast');
    const plugin = await app.inject('/plugin');
    // The same cookie line, but for the value.
    const attributes = (h: string | string[] | undefined) => String(h).replace(/^_csrf=[^;]+/, '');
    assert.equal(attributes(fast.headers['set-cookie']), attributes(plugin.headers['set-cookie']));
    assert.match(String(fast.headers['set-cookie']), /^_csrf=[A-Za-z0-9_-]{24}\.[A-Za-z0-9+/]{43};/);
    assert.match(fast.body, /^[A-Za-z0-9]{8}-[A-Za-z0-9_-]{43}$/);
    const post = (cookieLine: string, token: string) =>
      app.inject({
        method: 'POST',
        url: '/form',
        headers: { cookie: cookieLine, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: token }).toString(),
      });
    assert.equal((await post(cookieOf(fast.headers['set-cookie']), fast.body)).statusCode, 200);
    // Bound to its own secret: refused with another visitor's cookie, or without one.
    assert.equal((await post(cookieOf(plugin.headers['set-cookie']), fast.body)).statusCode, 403);
    assert.equal((await post('', fast.body)).statusCode, 403);
    // The plugin makes further tokens from this cookie's secret.
    const again = await app.inject({ url: '/plugin', headers: { cookie: cookieOf(fast.headers['set-cookie']) } });
    assert.equal(again.headers['set-cookie'], undefined);
    assert.equal((await post(cookieOf(fast.headers['set-cookie']), again.body)).statusCode, 200);
    await app.close();
  });
}

test('each new visitor gets a different secret and salt', async () => {
  const app = await appWith(false);
  const seen = new Set<string>();
  for (let i = 0; i < 400; i++) {
    const r = await app.inject('/fast');
    seen.add(cookieOf(r.headers['set-cookie']));
    seen.add(r.body.slice(0, 8));
  }
  assert.equal(seen.size, 800);
  await app.close();
});

test('pooled random bytes: each handed out once, never changed by a later refill, any length', () => {
  const given = Array.from({ length: 1000 }, () => freshRandomBytes(26)); // about six pools
  const copies = given.map((b) => Buffer.from(b));
  const big = freshRandomBytes(10_000);
  assert.equal(big.length, 10_000);
  for (const [i, b] of given.entries()) assert.deepEqual(b, copies[i], `bytes ${i} unchanged after the refills`);
  assert.equal(new Set(given.map((b) => b.toString('hex'))).size, 1000, 'no two draws alike');
  // Random, not a pattern: over 26,000 bytes each of the 256 values turns up.
  assert.equal(new Set(Buffer.concat(given)).size, 256);
});

test('the cookie signature is @fastify/cookie’s HMAC-SHA256, for keys of any length', () => {
  for (const key of ['k', KEY, 'ä'.repeat(40), 'x'.repeat(64), 'y'.repeat(65), 'z'.repeat(200)]) {
    const sign = cookieSigner(key);
    for (const value of ['abcdefghijklmnopqrstuvwx', 'ABCDEFGHIJKLMNOPQRSTUV-_']) {
      const expected = createHmac('sha256', key).update(value).digest('base64').replace(/=+$/, '');
      assert.equal(sign(value), expected, `key of ${key.length} characters`);
    }
  }
});
