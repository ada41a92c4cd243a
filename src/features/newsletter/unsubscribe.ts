import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, Member } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import type { Locale } from '../../web/i18n.js';
import { getStoreSettings } from '../settings/store-settings.js';
import { NEWSLETTER_CONSENT_VERSION, NEWSLETTER_PURPOSE, newsletterConsentText } from './consent.js';

export async function findMember(db: Kysely<DB>, id: string): Promise<Member | undefined> {
  return db.selectFrom('members').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Opting out: no more newsletters, and the consent is marked withdrawn (its
 * record stays as proof of what was agreed and when). Repeating it changes
 * nothing. Web access from a paid subscription is not affected.
 */
export async function unsubscribeMember(db: Kysely<DB>, memberId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const now = isoNow();
    await trx
      .updateTable('members')
      .set({ email_status: 'unsubscribed', unsubscribed_at: now, updated_at: now })
      .where('id', '=', memberId)
      .where('email_status', '!=', 'unsubscribed')
      .execute();
    await trx
      .updateTable('member_consents')
      .set({ withdrawn_at: now })
      .where('member_id', '=', memberId)
      .where('purpose', '=', NEWSLETTER_PURPOSE)
      .where('withdrawn_at', 'is', null)
      .execute();
  });
}

export type ResubscribeOptions = {
  memberId: string;
  locale: Locale;
  ip: string | null;
  userAgent: string | null;
};

/**
 * Back in, from the signed unsubscribe page: the link came by email to this
 * address, so the new consent (recorded like a sign-up's) is confirmed at once.
 */
export async function resubscribeMember(db: Kysely<DB>, opts: ResubscribeOptions): Promise<void> {
  const { storeName } = await getStoreSettings(db);
  await db.transaction().execute(async (trx) => {
    const now = isoNow();
    const changed = await trx
      .updateTable('members')
      .set((eb) => ({
        email_status: 'subscribed',
        unsubscribed_at: null,
        confirmed_at: eb.fn.coalesce('confirmed_at', eb.val(now)),
        updated_at: now,
      }))
      .where('id', '=', opts.memberId)
      .where('email_status', '!=', 'subscribed')
      .executeTakeFirst();
    if (Number(changed.numUpdatedRows) === 0) return;
    await trx
      .insertInto('member_consents')
      .values({
        id: randomUUID(),
        member_id: opts.memberId,
        purpose: NEWSLETTER_PURPOSE,
        text: newsletterConsentText(opts.locale, storeName),
        text_version: NEWSLETTER_CONSENT_VERSION,
        locale: opts.locale,
        ip: opts.ip,
        user_agent: opts.userAgent?.slice(0, 500) ?? null,
        source: 'signup',
        given_at: now,
        confirmed_at: now,
        withdrawn_at: null,
      })
      .execute();
  });
}
