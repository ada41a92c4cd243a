import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isoIn, isoNow } from '../../db/time.js';
import type { Locale } from '../../web/i18n.js';
import { queueEmail } from '../email/queue-email.js';
import { LOGIN_LINK_MINUTES, LOGIN_PURPOSE } from '../library/request-login-link.js';
import { normaliseEmail } from '../memberships/access.js';
import { getStoreSettings } from '../settings/store-settings.js';
import { NEWSLETTER_CONSENT_VERSION, NEWSLETTER_PURPOSE, newsletterConsentText } from './consent.js';

export const CONFIRM_PURPOSE = 'confirm';
export const CONFIRM_LINK_HOURS = 48;
/** One confirmation email per address in this time, however often the form is sent. */
const RESEND_AFTER_MS = 5 * 60_000;

export function sha256(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export type SignUpOptions = {
  email: string;
  name: string;
  locale: Locale;
  ip: string | null;
  userAgent: string | null;
  publicUrl: string;
};

export type SignUpResult = 'confirmation-sent' | 'already-subscribed' | 'recently-sent';

/**
 * A subscribed address signing up again is most likely a member on a new
 * device: it gets a sign-in link to the library session (which is how posts
 * know their reader) instead of a second confirmation — at most one per
 * address per few minutes.
 */
async function emailSignInLink(trx: Transaction<DB>, email: string, opts: SignUpOptions): Promise<void> {
  const recent = await trx
    .selectFrom('customer_tokens')
    .select('id')
    .where('email', '=', email)
    .where('purpose', '=', LOGIN_PURPOSE)
    .where('created_at', '>', isoIn(-RESEND_AFTER_MS))
    .executeTakeFirst();
  if (recent) return;
  const token = randomBytes(32).toString('base64url');
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
    to: email,
    locale: opts.locale,
    template: 'library-login',
    data: { url: `${opts.publicUrl}/library/auth/${token}`, minutes: LOGIN_LINK_MINUTES },
  });
}

/**
 * Free sign-up, first step of the double opt-in: the member row (pending) if
 * the address is new, the consent as given (text, version, IP, user agent)
 * and a single-use confirmation link (only its SHA-256 is stored) by email.
 * The caller answers alike whatever the result, so the form does not tell
 * whether an address is subscribed.
 */
export async function signUp(db: Kysely<DB>, opts: SignUpOptions): Promise<SignUpResult> {
  const email = normaliseEmail(opts.email);
  const { storeName } = await getStoreSettings(db);
  const token = randomBytes(32).toString('base64url');
  return db.transaction().execute(async (trx) => {
    const now = isoNow();
    await trx
      .insertInto('members')
      .values({
        id: randomUUID(),
        email,
        name: opts.name,
        locale: opts.locale,
        customer_id: null,
        email_status: 'pending',
        source: 'signup',
        created_at: now,
        confirmed_at: null,
        unsubscribed_at: null,
        updated_at: now,
      })
      .onConflict((oc) => oc.column('email').doNothing())
      .execute();
    const member = await trx
      .selectFrom('members')
      .select(['id', 'email_status', 'name'])
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    if (member.email_status === 'subscribed') {
      await emailSignInLink(trx, email, opts);
      return 'already-subscribed';
    }
    const recent = await trx
      .selectFrom('member_tokens')
      .select('id')
      .where('member_id', '=', member.id)
      .where('purpose', '=', CONFIRM_PURPOSE)
      .where('created_at', '>', isoIn(-RESEND_AFTER_MS))
      .executeTakeFirst();
    if (recent) return 'recently-sent';
    if (opts.name && !member.name) {
      await trx.updateTable('members').set({ name: opts.name, updated_at: now }).where('id', '=', member.id).execute();
    }
    const consentId = randomUUID();
    await trx
      .insertInto('member_consents')
      .values({
        id: consentId,
        member_id: member.id,
        purpose: NEWSLETTER_PURPOSE,
        text: newsletterConsentText(opts.locale, storeName),
        text_version: NEWSLETTER_CONSENT_VERSION,
        locale: opts.locale,
        ip: opts.ip,
        user_agent: opts.userAgent?.slice(0, 500) ?? null,
        source: 'signup',
        given_at: now,
        confirmed_at: null,
        withdrawn_at: null,
      })
      .execute();
    await trx
      .insertInto('member_tokens')
      .values({
        id: sha256(token),
        member_id: member.id,
        purpose: CONFIRM_PURPOSE,
        subject_id: consentId,
        expires_at: isoIn(CONFIRM_LINK_HOURS * 3600_000),
        used_at: null,
        created_at: now,
      })
      .execute();
    await queueEmail(trx, {
      to: email,
      locale: opts.locale,
      template: 'newsletter-confirm',
      data: { url: `${opts.publicUrl}/join/confirm/${token}`, hours: CONFIRM_LINK_HOURS, storeName },
    });
    return 'confirmation-sent';
  });
}
