import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { startCustomerSession } from '../library/sessions.js';
import { emitWebhookEvent } from '../webhooks/emit.js';
import { CONFIRM_PURPOSE, sha256 } from './sign-up.js';

function plausible(token: string): boolean {
  return token.length >= 20 && token.length <= 100;
}

/** Whether a confirmation link still works; opening it changes nothing (mail scanners open links too). */
export async function isConfirmLinkUsable(db: Kysely<DB>, token: string): Promise<boolean> {
  if (!plausible(token)) return false;
  const row = await db
    .selectFrom('member_tokens')
    .select('id')
    .where('id', '=', sha256(token))
    .where('purpose', '=', CONFIRM_PURPOSE)
    .where('used_at', 'is', null)
    .where('expires_at', '>', isoNow())
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Second step of the double opt-in, on the button's POST: uses the token once
 * (guarded UPDATE: unused, unexpired), confirms the consent it was made for
 * and subscribes the member. The address is proven, so the reader is signed
 * in (the customer session of the library) and can read members' posts at
 * once. Returns the session token, or undefined for a used, expired or
 * unknown link.
 */
export async function confirmSignUp(db: Kysely<DB>, token: string): Promise<string | undefined> {
  if (!plausible(token)) return undefined;
  return db.transaction().execute(async (trx) => {
    const now = isoNow();
    const used = await trx
      .updateTable('member_tokens')
      .set({ used_at: now })
      .where('id', '=', sha256(token))
      .where('purpose', '=', CONFIRM_PURPOSE)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning(['member_id', 'subject_id'])
      .executeTakeFirst();
    if (!used) return undefined;
    if (used.subject_id) {
      await trx
        .updateTable('member_consents')
        .set({ confirmed_at: now })
        .where('id', '=', used.subject_id)
        .where('confirmed_at', 'is', null)
        .execute();
    }
    const member = await trx
      .updateTable('members')
      .set((eb) => ({
        confirmed_at: eb.fn.coalesce('confirmed_at', eb.val(now)),
        email_status: 'subscribed',
        unsubscribed_at: null,
        updated_at: now,
      }))
      .where('id', '=', used.member_id)
      .returning('email')
      .executeTakeFirstOrThrow();
    await emitWebhookEvent(trx, 'member.joined', {
      source: 'newsletter',
      member_id: used.member_id,
      email: member.email,
      confirmed_at: now,
    });
    return startCustomerSession(trx, member.email);
  });
}
