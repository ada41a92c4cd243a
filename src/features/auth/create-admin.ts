import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import type { Locale } from '../../web/i18n.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from './passwords.js';
import { deleteSessionsOf, findAdminByEmail, normaliseEmail, unlockLogins, updateAdmin } from './queries.js';

export type CreateAdminOptions = { email: string; password: string; locale: Locale };
export type CreateAdminResult = { id: string; created: boolean };

/**
 * Creates an admin, or resets the password of an existing one (and unlocks it,
 * ends its sessions). Used by set-up and by the `create-admin` command.
 */
export async function createOrResetAdmin(
  db: Db,
  { email, password, locale }: CreateAdminOptions,
): Promise<CreateAdminResult> {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new Error(`The password must have at least ${MIN_PASSWORD_LENGTH} characters.`);
  }
  const password_hash = await hashPassword(password);
  const existing = await findAdminByEmail(db, email);
  if (existing) {
    await updateAdmin(db, existing.id, { password_hash, failed_logins: 0, locked_until: null });
    await unlockLogins(db, existing.email);
    await deleteSessionsOf(db, existing.id);
    return { id: existing.id, created: false };
  }
  const id = randomUUID();
  const now = isoNow();
  await db
    .insertInto('admin_users')
    .values({
      id,
      email: normaliseEmail(email),
      password_hash,
      locale,
      totp_secret: null,
      locked_until: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return { id, created: true };
}
