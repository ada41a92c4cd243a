import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isoIn, isoNow } from '../../db/time.js';
import { isLocale } from '../../web/i18n.js';
import { queueEmail } from '../email/queue-email.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from './passwords.js';
import { deleteSessionsOf, findAdminByEmail, findAdminById, unlockLogins, updateAdmin } from './queries.js';
import { tokenHash } from './sessions.js';

export const RESET_MINUTES = 30;

/** Emails a single-use link if the admin exists; the caller answers the same either way. */
export async function requestPasswordReset(db: Kysely<DB>, email: string, publicUrl: string): Promise<void> {
  const user = await findAdminByEmail(db, email);
  if (!user) return;
  const token = randomBytes(32).toString('base64url');
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('password_resets')
      .values({
        id: tokenHash(token),
        user_id: user.id,
        expires_at: isoIn(RESET_MINUTES * 60_000),
        used_at: null,
        created_at: isoNow(),
      })
      .execute();
    await queueEmail(trx, {
      to: user.email,
      locale: isLocale(user.locale) ? user.locale : 'en',
      template: 'password-reset',
      data: { url: `${publicUrl}/admin/password-reset/${token}`, minutes: RESET_MINUTES },
    });
  });
}

export async function isResetTokenUsable(db: Kysely<DB>, token: string): Promise<boolean> {
  const row = await db.selectFrom('password_resets').selectAll().where('id', '=', tokenHash(token)).executeTakeFirst();
  return !!row && !row.used_at && row.expires_at > isoNow();
}

export type ResetResult = 'ok' | 'invalid-token' | 'weak-password';

/** Uses the token once (guarded update), sets the password, unlocks and signs out everywhere. */
export async function resetPassword(db: Kysely<DB>, token: string, password: string): Promise<ResetResult> {
  if (password.length < MIN_PASSWORD_LENGTH) return 'weak-password';
  const password_hash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    const used = await trx
      .updateTable('password_resets')
      .set({ used_at: isoNow() })
      .where('id', '=', tokenHash(token))
      .where('used_at', 'is', null)
      .where('expires_at', '>', isoNow())
      .returning('user_id')
      .executeTakeFirst();
    if (!used) return 'invalid-token';
    await updateAdmin(trx, used.user_id, { password_hash, failed_logins: 0, locked_until: null });
    const user = await findAdminById(trx, used.user_id);
    if (user) await unlockLogins(trx, user.email);
    await deleteSessionsOf(trx, used.user_id);
    return 'ok';
  });
}
