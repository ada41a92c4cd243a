import type { Kysely } from 'kysely';
import type { AdminUser, DB } from '../../db/schema.js';
import type { Locale } from '../../web/i18n.js';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './passwords.js';
import { updateAdmin } from './queries.js';
import { tokenHash } from './sessions.js';
import { newTotpSecret, verifyTotp } from './totp.js';

export type ChangePasswordResult = 'ok' | 'wrong-password' | 'weak-password';

/** Changes the password and signs out every other session of this admin. */
export async function changePassword(
  db: Kysely<DB>,
  user: AdminUser,
  currentSessionToken: string,
  current: string,
  next: string,
): Promise<ChangePasswordResult> {
  if (!(await verifyPassword(user.password_hash, current))) return 'wrong-password';
  if (next.length < MIN_PASSWORD_LENGTH) return 'weak-password';
  const password_hash = await hashPassword(next);
  await db.transaction().execute(async (trx) => {
    await updateAdmin(trx, user.id, { password_hash });
    await trx
      .deleteFrom('admin_sessions')
      .where('user_id', '=', user.id)
      .where('id', '!=', tokenHash(currentSessionToken))
      .execute();
  });
  return 'ok';
}

export function setAdminLocale(db: Kysely<DB>, user: AdminUser, locale: Locale): Promise<void> {
  return updateAdmin(db, user.id, { locale });
}

/** Stores a new secret that only takes effect once a code from it is confirmed. */
export async function startTotpEnrolment(db: Kysely<DB>, user: AdminUser): Promise<string> {
  if (user.totp_enabled === 1) throw new Error('two-factor authentication is already on');
  const secret = newTotpSecret();
  await updateAdmin(db, user.id, { totp_secret: secret, totp_enabled: 0 });
  return secret;
}

export async function confirmTotpEnrolment(db: Kysely<DB>, user: AdminUser, code: string): Promise<boolean> {
  if (!user.totp_secret || user.totp_enabled === 1 || !verifyTotp(user.totp_secret, code)) return false;
  await updateAdmin(db, user.id, { totp_enabled: 1 });
  return true;
}

export async function disableTotp(db: Kysely<DB>, user: AdminUser, password: string, code: string): Promise<boolean> {
  if (!user.totp_secret || user.totp_enabled !== 1) return false;
  if (!(await verifyPassword(user.password_hash, password)) || !verifyTotp(user.totp_secret, code)) return false;
  await updateAdmin(db, user.id, { totp_enabled: 0, totp_secret: null });
  return true;
}
