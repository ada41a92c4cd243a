import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { AdminUser, DB } from '../../db/schema.js';
import { isoIn, isoNow } from '../../db/time.js';
import { DUMMY_PASSWORD_HASH, verifyPassword } from './passwords.js';
import { findAdminByEmail, normaliseEmail } from './queries.js';

export type LoginResult =
  | { kind: 'ok'; user: AdminUser; needsSecondFactor: boolean }
  | { kind: 'invalid' }
  | { kind: 'locked'; until: string };

export type AttemptLoginOptions = {
  email: string;
  password: string;
  /** The client's address, as the app sees it (TRUST_PROXY decides whether a proxy's header counts). */
  ip: string;
  maxAttempts: number;
  lockMinutes: number;
};

/** Rows of failed attempts older than this are forgotten. */
const THROTTLE_KEEP_MS = 24 * 3600 * 1000;

/** Pure: after this many consecutive failures the address is locked for this IP. */
export function shouldLock(failedCount: number, maxAttempts: number): boolean {
  return failedCount >= maxAttempts;
}

/**
 * Checks a password login. Failures count up atomically per (address, IP)
 * pair, for addresses that exist and for those that do not alike: reaching
 * the limit refuses that address from that IP for a while (even with the right
 * password), while the owner signing in from elsewhere is not affected. Known
 * and unknown addresses cost the same (one argon2 verification) and answer
 * the same, so neither the answer nor its timing tells who the admin is.
 */
export async function attemptLogin(db: Kysely<DB>, opts: AttemptLoginOptions): Promise<LoginResult> {
  const email = normaliseEmail(opts.email);
  const now = isoNow();
  const throttle = await db
    .selectFrom('login_throttle')
    .select('locked_until')
    .where('email', '=', email)
    .where('ip', '=', opts.ip)
    .executeTakeFirst();
  if (throttle?.locked_until && throttle.locked_until > now) return { kind: 'locked', until: throttle.locked_until };

  const user = await findAdminByEmail(db, email);
  const valid = await verifyPassword(user?.password_hash ?? DUMMY_PASSWORD_HASH, opts.password);
  if (user && valid) {
    if (throttle) await clearLoginThrottle(db, email, opts.ip);
    return { kind: 'ok', user, needsSecondFactor: user.totp_enabled === 1 };
  }
  return recordFailure(db, email, opts);
}

async function recordFailure(db: Kysely<DB>, email: string, opts: AttemptLoginOptions): Promise<LoginResult> {
  const now = isoNow();
  await db
    .deleteFrom('login_throttle')
    .where('updated_at', '<', new Date(Date.now() - THROTTLE_KEEP_MS).toISOString())
    .execute();
  const row = await db
    .insertInto('login_throttle')
    .values({ email, ip: opts.ip, failures: 1, locked_until: null, updated_at: now })
    .onConflict((oc) =>
      oc.columns(['email', 'ip']).doUpdateSet({ failures: sql`login_throttle.failures + 1`, updated_at: now }),
    )
    .returning('failures')
    .executeTakeFirst();
  if (!row || !shouldLock(row.failures, opts.maxAttempts)) return { kind: 'invalid' };
  const until = isoIn(opts.lockMinutes * 60_000);
  await db
    .updateTable('login_throttle')
    .set({ failures: 0, locked_until: until, updated_at: now })
    .where('email', '=', email)
    .where('ip', '=', opts.ip)
    .execute();
  return { kind: 'locked', until };
}

function clearLoginThrottle(db: Kysely<DB>, email: string, ip: string) {
  return db.deleteFrom('login_throttle').where('email', '=', email).where('ip', '=', ip).execute();
}
