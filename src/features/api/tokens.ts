import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Db } from '../../db/schema.js';
import { recordAudit } from '../admin/audit.js';
import { type ApiScope, parseScopes } from './scopes.js';

/** How much of a token lists show: the prefix and four characters of the secret. */
const DISPLAY_LENGTH = 12;
/** last_used_at moves at most this often, so a busy token is not an UPDATE per request. */
const LAST_USE_STEP_MS = 60_000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export type NewToken = {
  name: string;
  scopes: readonly ApiScope[];
  /** undefined: never expires. */
  expiresAt?: Date | undefined;
  /** Payments in test mode: the token says so in its prefix. */
  testMode: boolean;
  actor: string;
  now?: Date;
};

/** Makes a token and answers its secret, the only time it exists outside the caller's hands. */
export async function createApiToken(db: Db, input: NewToken): Promise<{ id: string; token: string }> {
  const token = `${input.testMode ? 'vf_test_' : 'vf_live_'}${randomBytes(32).toString('base64url')}`;
  const id = randomUUID();
  const now = (input.now ?? new Date()).toISOString();
  await db
    .insertInto('api_tokens')
    .values({
      id,
      name: input.name,
      display_prefix: token.slice(0, DISPLAY_LENGTH),
      token_hash: hashToken(token),
      scopes: JSON.stringify(input.scopes),
      test_mode: input.testMode ? 1 : 0,
      expires_at: input.expiresAt?.toISOString() ?? null,
      created_at: now,
      created_by: input.actor,
    })
    .execute();
  await recordAudit(db, input.actor, 'api.token-created', { tokenId: id, name: input.name });
  return { id, token };
}

/** Revokes a token once; a second revoke changes nothing and is not audited again. */
export async function revokeApiToken(db: Db, id: string, actor: string, now = new Date()): Promise<boolean> {
  const r = await db
    .updateTable('api_tokens')
    .set({ revoked_at: now.toISOString() })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  const done = Number(r.numUpdatedRows) > 0;
  if (done) await recordAudit(db, actor, 'api.token-revoked', { tokenId: id });
  return done;
}

export type ApiCaller = { tokenId: string; scopes: readonly ApiScope[] };

/** The caller a bearer token stands for; undefined for an unknown, revoked or expired one. */
export async function authenticateToken(db: Db, token: string, now = new Date()): Promise<ApiCaller | undefined> {
  const row = await db
    .selectFrom('api_tokens')
    .select(['id', 'scopes', 'expires_at', 'revoked_at', 'last_used_at'])
    .where('token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row || row.revoked_at) return undefined;
  if (row.expires_at && row.expires_at <= now.toISOString()) return undefined;
  const stale = new Date(now.getTime() - LAST_USE_STEP_MS).toISOString();
  if (!row.last_used_at || row.last_used_at < stale) {
    await db
      .updateTable('api_tokens')
      .set({ last_used_at: now.toISOString() })
      .where('id', '=', row.id)
      .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', stale)]))
      .execute();
  }
  return { tokenId: row.id, scopes: parseScopes(row.scopes) };
}

export function listApiTokens(db: Db) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'display_prefix', 'scopes', 'expires_at', 'last_used_at', 'revoked_at', 'created_at'])
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}
