import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isoIn, isoNow } from '../../db/time.js';
import type { Locale } from '../../web/i18n.js';
import { queueEmail } from '../email/queue-email.js';
import { purchaseAddress } from './queries.js';
import { normaliseEmail, sha256 } from './sessions.js';

export const LOGIN_LINK_MINUTES = 30;
export const LOGIN_PURPOSE = 'library';

export type RequestLoginLinkOptions = { email: string; locale: Locale; publicUrl: string };

/**
 * A member who may sign in: one who confirmed the sign-up (double opt-in
 * done, also after unsubscribing from the newsletter) or has a subscription.
 * A pending sign-up is not enough: the address is not proven yet.
 */
async function memberAddress(db: Kysely<DB>, email: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('members')
    .select('email')
    .where('email', '=', email)
    .where((eb) =>
      eb.or([
        eb('confirmed_at', 'is not', null),
        eb.exists(eb.selectFrom('subscriptions').select('id').whereRef('subscriptions.member_id', '=', 'members.id')),
      ]),
    )
    .executeTakeFirst();
  return row?.email;
}

/**
 * Emails a single-use sign-in link if the address has purchases or is a
 * member (see memberAddress). The caller answers the same either way, so
 * nobody learns whether an address bought or subscribed here. Only the
 * token's SHA-256 is stored. Returns whether an email was queued.
 */
export async function requestLoginLink(db: Kysely<DB>, opts: RequestLoginLinkOptions): Promise<boolean> {
  const email = normaliseEmail(opts.email);
  const to = (await purchaseAddress(db, email)) ?? (await memberAddress(db, email));
  if (!to) return false;
  const token = randomBytes(32).toString('base64url');
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('customer_tokens')
      .values({
        id: sha256(token),
        email,
        purpose: LOGIN_PURPOSE,
        expires_at: isoIn(LOGIN_LINK_MINUTES * 60_000),
        used_at: null,
        created_at: isoNow(),
      })
      .execute();
    await queueEmail(trx, {
      to,
      locale: opts.locale,
      template: 'library-login',
      data: { url: `${opts.publicUrl}/library/auth/${token}`, minutes: LOGIN_LINK_MINUTES },
    });
  });
  return true;
}
