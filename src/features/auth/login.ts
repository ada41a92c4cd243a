import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { AdminUser, DB } from '../../db/schema.js';
import { isoIn, isoNow } from '../../db/time.js';
import { dummyPasswordHash, verifyPassword } from './passwords.js';
import { findAdminByEmail, updateAdmin } from './queries.js';

export type LoginResult =
  | { kind: 'ok'; user: AdminUser; needsSecondFactor: boolean }
  | { kind: 'invalid' }
  | { kind: 'locked'; until: string };

export type AttemptLoginOptions = {
  email: string;
  password: string;
  maxAttempts: number;
  lockMinutes: number;
};

/** Pure: after this many consecutive failures the account locks. */
export function shouldLock(failedCount: number, maxAttempts: number): boolean {
  return failedCount >= maxAttempts;
}

/**
 * Checks a password login. Wrong passwords count up atomically; reaching the
 * limit locks the account for a while (even the right password is refused then).
 */
export async function attemptLogin(db: Kysely<DB>, opts: AttemptLoginOptions): Promise<LoginResult> {
  const user = await findAdminByEmail(db, opts.email);
  if (!user) {
    await verifyPassword(await dummyPasswordHash(), opts.password);
    return { kind: 'invalid' };
  }
  if (user.locked_until && user.locked_until > isoNow()) return { kind: 'locked', until: user.locked_until };
  if (await verifyPassword(user.password_hash, opts.password)) {
    if (user.failed_logins > 0 || user.locked_until)
      await updateAdmin(db, user.id, { failed_logins: 0, locked_until: null });
    return { kind: 'ok', user, needsSecondFactor: user.totp_enabled === 1 };
  }
  const row = await db
    .updateTable('admin_users')
    .set({ failed_logins: sql`failed_logins + 1` })
    .where('id', '=', user.id)
    .returning('failed_logins')
    .executeTakeFirst();
  if (row && shouldLock(row.failed_logins, opts.maxAttempts)) {
    const until = isoIn(opts.lockMinutes * 60_000);
    await updateAdmin(db, user.id, { failed_logins: 0, locked_until: until });
    return { kind: 'locked', until };
  }
  return { kind: 'invalid' };
}
