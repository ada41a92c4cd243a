import { createHash, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from '../../config.js';
import type { AdminUser, DB } from '../../db/schema.js';
import { isoIn, isoNow } from '../../db/time.js';
import type { Services } from '../../services.js';
import { wantsJson } from '../../web/error-handler.js';
import { AppError } from '../../web/errors.js';
import { findAdminById } from './queries.js';

export const SESSION_COOKIE = 'vf_admin';
const SESSION_MS = 14 * 24 * 3600 * 1000;
const SLIDE_AFTER_MS = 3600 * 1000;

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Stores only the token's hash; the token itself lives in the cookie. */
export async function startSession(db: Kysely<DB>, userId: string, verified: boolean): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const now = isoNow();
  await db
    .insertInto('admin_sessions')
    .values({
      id: tokenHash(token),
      user_id: userId,
      verified: verified ? 1 : 0,
      created_at: now,
      last_seen_at: now,
      expires_at: isoIn(SESSION_MS),
    })
    .execute();
  return token;
}

export async function markSessionVerified(db: Kysely<DB>, token: string): Promise<void> {
  await db.updateTable('admin_sessions').set({ verified: 1 }).where('id', '=', tokenHash(token)).execute();
}

export async function endSession(db: Kysely<DB>, token: string | undefined): Promise<void> {
  if (token) await db.deleteFrom('admin_sessions').where('id', '=', tokenHash(token)).execute();
}

export type AdminSession = { user: AdminUser; verified: boolean; token: string };

/** The session behind a cookie token, if it is valid; slides its expiry at most hourly. */
export async function readSession(db: Kysely<DB>, token: string | undefined): Promise<AdminSession | undefined> {
  if (!token || token.length > 100) return undefined;
  const row = await db.selectFrom('admin_sessions').selectAll().where('id', '=', tokenHash(token)).executeTakeFirst();
  const now = new Date();
  if (!row || row.expires_at <= now.toISOString()) return undefined;
  const user = await findAdminById(db, row.user_id);
  if (!user) return undefined;
  if (now.getTime() - Date.parse(row.last_seen_at) > SLIDE_AFTER_MS) {
    await db
      .updateTable('admin_sessions')
      .set({ last_seen_at: now.toISOString(), expires_at: isoIn(SESSION_MS, now) })
      .where('id', '=', row.id)
      .execute();
  }
  return { user, verified: row.verified === 1, token };
}

export function setSessionCookie(reply: FastifyReply, token: string, config: Config): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.secureCookies,
    maxAge: SESSION_MS / 1000,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

const sessions = new WeakMap<FastifyRequest, AdminSession>();

/** preHandler for admin routes: a verified session or a redirect to the login page (401 for JSON). */
export function requireAdmin(services: Services) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const session = await readSession(services.database.db, req.cookies[SESSION_COOKIE]);
    if (session?.verified) {
      sessions.set(req, session);
      return;
    }
    if (wantsJson(req)) throw new AppError('unauthorized', 401, 'Login required');
    const target = session ? '/admin/login/2fa' : `/admin/login?next=${encodeURIComponent(req.url)}`;
    return reply.redirect(target, 303);
  };
}

/** The admin of this request; only valid behind `requireAdmin`. */
export function currentAdmin(req: FastifyRequest): AdminSession {
  const s = sessions.get(req);
  if (!s) throw new AppError('unauthorized', 401, 'Login required');
  return s;
}
