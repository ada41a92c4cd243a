import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Affiliate, Db } from '../../db/schema.js';
import { isoIn, isoNow } from '../../db/time.js';
import type { Services } from '../../services.js';
import type { Locale } from '../../web/i18n.js';
import { queueEmail } from '../email/queue-email.js';
import { normaliseEmail, sha256 } from '../library/sessions.js';

/**
 * The partner portal's sign-in: the library's mechanism (a single-use emailed
 * link whose token is kept only as a SHA-256 in `customer_tokens`, opened by
 * a page with a button so mail scanners cannot use it up), with its own
 * purpose and its own session cookie, so a partner session opens no library.
 */
export const PARTNER_COOKIE = 'vf_partner';
export const PARTNER_LOGIN_PURPOSE = 'partner';
const LINK_MINUTES = 30;
const SESSION_MS = 30 * 24 * 3600 * 1000;

/** Emails a sign-in link to an affiliate who may use the portal; the caller answers the same either way. */
export async function requestPartnerLink(
  db: Db,
  opts: { email: string; locale: Locale; publicUrl: string },
): Promise<boolean> {
  const email = normaliseEmail(opts.email);
  const affiliate = await db
    .selectFrom('affiliates')
    .select('email')
    .where('email', '=', email)
    .where('status', 'in', ['approved', 'suspended'])
    .executeTakeFirst();
  if (!affiliate) return false;
  const token = randomBytes(32).toString('base64url');
  const write = async (trx: Db) => {
    await trx
      .insertInto('customer_tokens')
      .values({
        id: sha256(token),
        email,
        purpose: PARTNER_LOGIN_PURPOSE,
        expires_at: isoIn(LINK_MINUTES * 60_000),
        used_at: null,
        created_at: isoNow(),
      })
      .execute();
    await queueEmail(trx, {
      to: email,
      locale: opts.locale,
      template: 'affiliate-login',
      data: { url: `${opts.publicUrl}/partner/auth/${token}`, minutes: LINK_MINUTES },
    });
  };
  await (db.isTransaction ? write(db) : db.transaction().execute(write));
  return true;
}

const tokenOk = (token: string) => token.length >= 20 && token.length <= 100;

/** Whether a link can still be used; reading it changes nothing. */
export async function isPartnerLinkUsable(db: Db, token: string): Promise<boolean> {
  if (!tokenOk(token)) return false;
  const row = await db
    .selectFrom('customer_tokens')
    .select('id')
    .where('id', '=', sha256(token))
    .where('purpose', '=', PARTNER_LOGIN_PURPOSE)
    .where('used_at', 'is', null)
    .where('expires_at', '>', isoNow())
    .executeTakeFirst();
  return row !== undefined;
}

/** Uses the link once (guarded UPDATE) and starts a session; the cookie's token, or undefined. */
export async function redeemPartnerLink(db: Db, token: string): Promise<string | undefined> {
  if (!tokenOk(token)) return undefined;
  const now = isoNow();
  const used = await db
    .updateTable('customer_tokens')
    .set({ used_at: now })
    .where('id', '=', sha256(token))
    .where('purpose', '=', PARTNER_LOGIN_PURPOSE)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('email')
    .executeTakeFirst();
  if (!used) return undefined;
  const affiliate = await db.selectFrom('affiliates').select('id').where('email', '=', used.email).executeTakeFirst();
  if (!affiliate) return undefined;
  const session = randomBytes(32).toString('base64url');
  await db
    .insertInto('affiliate_sessions')
    .values({ id: sha256(session), affiliate_id: affiliate.id, created_at: now, expires_at: isoIn(SESSION_MS) })
    .execute();
  return session;
}

export function setPartnerCookie(reply: FastifyReply, token: string, secure: boolean): void {
  reply.setCookie(PARTNER_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
    maxAge: SESSION_MS / 1000,
  });
}

export async function endPartnerSession(db: Db, reply: FastifyReply, token: string | undefined): Promise<void> {
  if (token && token.length <= 100) await db.deleteFrom('affiliate_sessions').where('id', '=', sha256(token)).execute();
  reply.clearCookie(PARTNER_COOKIE, { path: '/' });
}

/** The affiliate behind the request's session cookie (approved or suspended: a suspended one still sees the balance). */
export async function readPartner(db: Db, req: FastifyRequest): Promise<Affiliate | undefined> {
  const token = req.cookies[PARTNER_COOKIE];
  if (!token || token.length > 100) return undefined;
  return db
    .selectFrom('affiliate_sessions')
    .innerJoin('affiliates', 'affiliates.id', 'affiliate_sessions.affiliate_id')
    .selectAll('affiliates')
    .where('affiliate_sessions.id', '=', sha256(token))
    .where('affiliate_sessions.expires_at', '>', isoNow())
    .where('affiliates.status', 'in', ['approved', 'suspended'])
    .executeTakeFirst();
}

const partners = new WeakMap<FastifyRequest, Affiliate>();

/** preHandler for partner pages (also `/partner/payouts`): a signed-in affiliate, else the sign-in page. */
export function requirePartner(services: Pick<Services, 'database'>) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const affiliate = await readPartner(services.database.db, req);
    if (affiliate) {
      partners.set(req, affiliate);
      return;
    }
    return reply.redirect('/partner', 303);
  };
}

/** The affiliate of this request; only valid behind `requirePartner`. */
export function currentPartner(req: FastifyRequest): Affiliate {
  const a = partners.get(req);
  if (!a) throw new Error('currentPartner outside requirePartner');
  return a;
}
