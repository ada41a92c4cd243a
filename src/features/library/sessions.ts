import { createHash, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import type { Db } from '../../db/schema.js';
import { isoIn, isoNow } from '../../db/time.js';
import type { Services } from '../../services.js';
import { wantsJson } from '../../web/error-handler.js';
import { AppError } from '../../web/errors.js';

/** Customer sessions: a random token in the cookie, only its SHA-256 in the database. */
export const CUSTOMER_COOKIE = 'vf_customer';
const SESSION_MS = 30 * 24 * 3600 * 1000;

export function sha256(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Email addresses are compared in lower case, trimmed. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export type CustomerSession = { email: string; token: string; expiresAt: string };

export async function startCustomerSession(db: Db, email: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db
    .insertInto('customer_sessions')
    .values({ id: sha256(token), email: normaliseEmail(email), created_at: isoNow(), expires_at: isoIn(SESSION_MS) })
    .execute();
  return token;
}

/** The session behind a cookie token, if it exists and has not expired. */
export async function readCustomerSession(db: Db, token: string | undefined): Promise<CustomerSession | undefined> {
  if (!token || token.length > 100) return undefined;
  const row = await db
    .selectFrom('customer_sessions')
    .select(['email', 'expires_at'])
    .where('id', '=', sha256(token))
    .where('expires_at', '>', isoNow())
    .executeTakeFirst();
  return row ? { email: row.email, token, expiresAt: row.expires_at } : undefined;
}

export async function endCustomerSession(db: Db, token: string | undefined): Promise<void> {
  if (token && token.length <= 100) await db.deleteFrom('customer_sessions').where('id', '=', sha256(token)).execute();
}

export function setCustomerCookie(reply: FastifyReply, token: string, config: Config): void {
  reply.setCookie(CUSTOMER_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.secureCookies,
    maxAge: SESSION_MS / 1000,
  });
}

export function clearCustomerCookie(reply: FastifyReply): void {
  reply.clearCookie(CUSTOMER_COOKIE, { path: '/' });
}

const sessions = new WeakMap<FastifyRequest, CustomerSession>();

/**
 * preHandler for customer pages (the library, later memberships): a valid
 * session, or a redirect to the library's sign-in form (401 for JSON).
 */
export function requireCustomer(services: Pick<Services, 'database'>) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const session = await readCustomerSession(services.database.db, req.cookies[CUSTOMER_COOKIE]);
    if (session) {
      sessions.set(req, session);
      return;
    }
    if (wantsJson(req)) throw new AppError('unauthorized', 401, 'Sign-in required');
    return reply.redirect('/library', 303);
  };
}

/** The customer of this request; only valid behind `requireCustomer`. */
export function currentCustomer(req: FastifyRequest): CustomerSession {
  const s = sessions.get(req);
  if (!s) throw new AppError('unauthorized', 401, 'Sign-in required');
  return s;
}
