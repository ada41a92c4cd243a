import type { AdminUser, AdminUserUpdate, Db } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function findAdminByEmail(db: Db, email: string): Promise<AdminUser | undefined> {
  return db.selectFrom('admin_users').selectAll().where('email', '=', normaliseEmail(email)).executeTakeFirst();
}

export function findAdminById(db: Db, id: string): Promise<AdminUser | undefined> {
  return db.selectFrom('admin_users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function countAdmins(db: Db): Promise<number> {
  const r = await db
    .selectFrom('admin_users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function updateAdmin(db: Db, id: string, patch: AdminUserUpdate): Promise<void> {
  await db
    .updateTable('admin_users')
    .set({ ...patch, updated_at: isoNow() })
    .where('id', '=', id)
    .execute();
}

export async function deleteSessionsOf(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('admin_sessions').where('user_id', '=', userId).execute();
}

/** Forgets every failed login for this address, from every IP (after a password reset). */
export async function unlockLogins(db: Db, email: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('email', '=', normaliseEmail(email)).execute();
}
