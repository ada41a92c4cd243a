import { hash, randomBytes } from 'node:crypto';
import { sign } from '@fastify/cookie';
import type { FastifyReply } from 'fastify';

/**
 * The CSRF secret, its cookie and a token for a visitor who has no secret yet, exactly as
 * `reply.generateCsrf()` (@fastify/csrf-protection with a signed cookie) makes them, for a fraction
 * of its cost on the cached public pages, where nearly every request is such a visitor's:
 * - the secret is 18 random bytes in base64url (`tokens.secretSync()`), the salt 8 base62
 *   characters, both from the CSPRNG (`randomBytes`, drawn from a pool: see `freshRandomBytes`);
 * - the token is `salt-base64url(sha256("salt-secret"))` (`tokens.create`), hashed in one call;
 * - the cookie is signed by @fastify/cookie's own `sign` (HMAC-SHA256), and written as the one
 *   Set-Cookie line `setCookie` writes for these options (app.ts), without its per-cookie work.
 * Verification stays with the plugin (`app.csrfProtection`); tests post these tokens.
 */
export const CSRF_COOKIE = '_csrf';

const SECRET_BYTES = 18;
const SALT_CHARS = 8;

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** The secret cookie's attributes after its value (the options in app.ts, as `setCookie` writes them). */
const attributes = (secure: boolean) => `; Path=/; HttpOnly${secure ? '; Secure' : ''}; SameSite=Lax`;
const ATTRIBUTES = { true: attributes(true), false: attributes(false) };

const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let poolUsed = 0;

/**
 * `n` bytes from the CSPRNG that no one has had before. A `randomBytes` call per visitor took about
 * 4 µs (a trip into OpenSSL; about 3 % of a product page's CPU); this reads 4 KB at a time, enough
 * for about 150 visitors (0.24 µs each), and hands each byte out once (a new pool is a new buffer, so bytes given out
 * earlier are never overwritten). Node's `randomUUID` keeps such a cache for the same reason.
 */
export function freshRandomBytes(n: number): Buffer {
  if (poolUsed + n > pool.length) {
    pool = randomBytes(Math.max(POOL_BYTES, n));
    poolUsed = 0;
  }
  const bytes = pool.subarray(poolUsed, poolUsed + n);
  poolUsed += n;
  return bytes;
}

/** The cookie signature: @fastify/cookie's, without the value it is prefixed with. */
export function cookieSigner(key: string): (value: string) => string {
  return (value) => sign(value, key).slice(value.length + 1);
}

/** A new secret (set as the signed cookie on `reply`, signed with the cookie `key`) and a token for it. */
export function newVisitorCsrfToken(reply: FastifyReply, cookie: { key: string; secure: boolean }): string {
  const random = freshRandomBytes(SECRET_BYTES + SALT_CHARS);
  const secret = random.toString('base64url', 0, SECRET_BYTES);
  let salt = '';
  // The token's salt (not a secret): base62, as the plugin's tokens are split at '-'.
  for (let i = SECRET_BYTES; i < random.length; i++) salt += BASE62[(random[i] as number) % 62];
  reply.header('set-cookie', `${CSRF_COOKIE}=${sign(secret, cookie.key)}${ATTRIBUTES[`${cookie.secure}`]}`);
  return `${salt}-${hash('sha256', `${salt}-${secret}`, 'base64url')}`;
}
