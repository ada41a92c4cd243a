import { hash, randomFillSync } from 'node:crypto';
import type { FastifyReply } from 'fastify';

/**
 * The CSRF secret, its cookie and a token for a visitor who has no secret yet, exactly as
 * `reply.generateCsrf()` (@fastify/csrf-protection with a signed cookie) makes them, for a fraction
 * of its cost on the cached public pages, where nearly every request is such a visitor's:
 * - the secret is 18 random bytes in base64url (`tokens.secretSync()`), the salt 8 base62
 *   characters; both come from a pool filled by one call to the random generator for 150 visitors;
 * - the token is `salt-base64url(sha256("salt-secret"))` (`tokens.create`), hashed in one call;
 * - the cookie is signed as @fastify/cookie signs it (`value.base64(HMAC-SHA256(secret, value))`
 *   without padding), the HMAC computed from pads prepared once per key (RFC 2104) by two one-shot
 *   hashes, a third of `createHmac`'s cost, and written as the one Set-Cookie line `setCookie`
 *   writes for these options (app.ts), without its per-cookie work.
 * Verification stays with the plugin (`app.csrfProtection`); tests post these tokens.
 */
export const CSRF_COOKIE = '_csrf';

const SECRET_BYTES = 18;
const SALT_CHARS = 8;
const PER_VISITOR = SECRET_BYTES + SALT_CHARS;
const pool = Buffer.alloc(PER_VISITOR * 150);
let used = pool.length;

function take(n: number): number {
  if (used + n > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const at = used;
  used += n;
  return at;
}

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** The secret cookie's attributes after its value (the options in app.ts, as `setCookie` writes them). */
const attributes = (secure: boolean) => `; Path=/; HttpOnly${secure ? '; Secure' : ''}; SameSite=Lax`;
const ATTRIBUTES = { true: attributes(true), false: attributes(false) };

const BLOCK = 64; // SHA-256's block size
const SECRET_CHARS = Math.ceil((SECRET_BYTES * 4) / 3); // base64url without padding

/** HMAC-SHA256 of a new secret under `key`, as the cookie signature (base64, no padding). */
export function cookieSigner(key: string): (value: string) => string {
  let k = Buffer.from(key, 'utf8');
  if (k.length > BLOCK) k = hash('sha256', k, 'buffer');
  const inner = Buffer.alloc(BLOCK + SECRET_CHARS);
  const outer = Buffer.alloc(BLOCK + 32);
  for (let i = 0; i < BLOCK; i++) {
    inner[i] = (k[i] ?? 0) ^ 0x36;
    outer[i] = (k[i] ?? 0) ^ 0x5c;
  }
  return (value) => {
    if (inner.write(value, BLOCK, 'latin1') !== SECRET_CHARS || value.length !== SECRET_CHARS) {
      throw new Error('a CSRF secret has a fixed length');
    }
    hash('sha256', inner, 'buffer').copy(outer, BLOCK);
    return hash('sha256', outer, 'base64').replace(/=+$/, '');
  };
}

const signers = new Map<string, (value: string) => string>();

/** A new secret (set as the signed cookie on `reply`, signed with the cookie `key`) and a token for it. */
export function newVisitorCsrfToken(reply: FastifyReply, cookie: { key: string; secure: boolean }): string {
  let sign = signers.get(cookie.key);
  if (!sign) {
    sign = cookieSigner(cookie.key);
    signers.set(cookie.key, sign);
  }
  const at = take(PER_VISITOR);
  const secret = pool.toString('base64url', at, at + SECRET_BYTES);
  let salt = '';
  for (let i = at + SECRET_BYTES; i < at + PER_VISITOR; i++) salt += BASE62[(pool[i] as number) % 62];
  reply.header('set-cookie', `${CSRF_COOKIE}=${secret}.${sign(secret)}${ATTRIBUTES[`${cookie.secure}`]}`);
  return `${salt}-${hash('sha256', `${salt}-${secret}`, 'base64url')}`;
}
