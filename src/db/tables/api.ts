import type { Generated } from 'kysely';

/**
 * The public API: tokens an admin hands to other software (only a hash of the
 * secret is kept) and the answers to POSTs kept for their Idempotency-Key.
 */

export interface ApiTokensTable {
  id: string;
  name: string;
  /** The first 12 characters of the token ('vf_live_abcd'), to tell tokens apart in lists. */
  display_prefix: string;
  /** SHA-256 (hex) of the whole token; UNIQUE: every request looks it up. */
  token_hash: string;
  /** JSON array of scopes from API_SCOPES. */
  scopes: string;
  /** 1: made while payments ran in test mode (prefix vf_test_). */
  test_mode: Generated<number>;
  expires_at: string | null;
  /** Moved at most once a minute. */
  last_used_at: string | null;
  revoked_at: string | null;
  created_at: string;
  created_by: string;
}

export interface ApiIdempotencyTable {
  token_id: string;
  /** The client's Idempotency-Key; UNIQUE with token_id. */
  idempotency_key: string;
  /** SHA-256 of method, path and body: the same key with another request is refused. */
  request_hash: string;
  /** null while the first request is still being answered. */
  status_code: number | null;
  response_body: string | null;
  created_at: string;
}
