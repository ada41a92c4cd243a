import { hash, randomFillSync } from 'node:crypto';
import type { FastifyReply } from 'fastify';

/**
 * The CSRF secret, its cookie and a token for a visitor who has no secret yet, exactly as
 * `reply.generateCsrf()` (@fastify/csrf-protection with a signed cookie) makes them, for a fraction
 * of its cost on the cached public pages, where nearly every request is such a visitor's:
 * - the secret is 18 random bytes in base64url (`tokens.secretSync()`), the salt 8 base62
 *   characters; both come from a pool filled by one call to the random generator for 150 visitors;
 * - the token is `salt-base64url(sha256("salt-secret"))` (`tokens.create`), hashed in one call;
 * - the cookie is signed by @fastify/cookie's own `reply.signCookie` and written as the one
 *   Set-Cookie line `setCookie` writes for these options (app.ts), without its per-cookie work.
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

/** A new secret (set as the signed cookie on `reply`) and a token for it. */
export function newVisitorCsrfToken(reply: FastifyReply, secure: boolean): string {
  const at = take(PER_VISITOR);
  const secret = pool.toString('base64url', at, at + SECRET_BYTES);
  let salt = '';
  for (let i = at + SECRET_BYTES; i < at + PER_VISITOR; i++) salt += BASE62[(pool[i] as number) % 62];
  reply.header('set-cookie', `${CSRF_COOKIE}=${reply.signCookie(secret)}${ATTRIBUTES[`${secure}`]}`);
  return `${salt}-${hash('sha256', `${salt}-${secret}`, 'base64url')}`;
}
