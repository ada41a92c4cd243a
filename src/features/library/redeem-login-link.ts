import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { LOGIN_PURPOSE } from './request-login-link.js';
import { sha256, startCustomerSession } from './sessions.js';

/** Whether a sign-in link can still be used; reading it changes nothing (mail scanners open links too). */
export async function isLoginLinkUsable(db: Kysely<DB>, token: string): Promise<boolean> {
  if (token.length < 20 || token.length > 100) return false;
  const row = await db
    .selectFrom('customer_tokens')
    .select('id')
    .where('id', '=', sha256(token))
    .where('purpose', '=', LOGIN_PURPOSE)
    .where('used_at', 'is', null)
    .where('expires_at', '>', isoNow())
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Uses a sign-in token once (a guarded UPDATE: unused and unexpired) and
 * starts a customer session. Returns the session's cookie token, or
 * undefined for an unknown, used or expired link.
 */
export async function redeemLoginLink(db: Kysely<DB>, token: string): Promise<string | undefined> {
  if (token.length < 20 || token.length > 100) return undefined;
  return db.transaction().execute(async (trx) => {
    const now = isoNow();
    const used = await trx
      .updateTable('customer_tokens')
      .set({ used_at: now })
      .where('id', '=', sha256(token))
      .where('purpose', '=', LOGIN_PURPOSE)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning('email')
      .executeTakeFirst();
    if (!used) return undefined;
    return startCustomerSession(trx, used.email);
  });
}
