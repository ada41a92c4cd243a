import type { Kysely } from 'kysely';
import type { Config } from '../../../config.js';
import type { DB, Db } from '../../../db/schema.js';
import { isoNow } from '../../../db/time.js';
import { openSecret, SecretBoxError, sealSecret, secretsKeyOf } from '../secret-box.js';

export type StripeKeys = { secretKey: string; publishableKey: string; webhookSecret: string };

/** 'unreadable': keys are stored but the secrets key cannot open them (lost or changed SECRETS_KEY). */
export type StripeSettings =
  | { kind: 'none' }
  | { kind: 'ok'; keys: StripeKeys; live: boolean; updatedAt: string }
  | { kind: 'unreadable' };

/** The settings rows; the secret key and webhook secret are sealed, the publishable key is public anyway. */
const KEYS = {
  secretKey: 'stripe.secret_key',
  publishableKey: 'stripe.publishable_key',
  webhookSecret: 'stripe.webhook_secret',
  updatedAt: 'stripe.updated_at',
} as const;

export const SECRET_KEY_PATTERN = /^(sk|rk)_(test|live)_[A-Za-z0-9]{8,}$/;
export const PUBLISHABLE_KEY_PATTERN = /^pk_(test|live)_[A-Za-z0-9]{8,}$/;
export const WEBHOOK_SECRET_PATTERN = /^whsec_[A-Za-z0-9+/=]{8,}$/;

export function isLiveKey(key: string): boolean {
  return /^(sk|rk|pk)_live_/.test(key);
}

/** "sk_test_…4242": enough to recognise a key, never enough to use it. */
export function maskKey(key: string): string {
  const prefix = /^(sk|rk|pk)_(test|live)_|^whsec_/.exec(key)?.[0] ?? '';
  return `${prefix}…${key.slice(-4)}`;
}

type Secrets = Pick<Config, 'secretsKey' | 'dataDir'>;
const cache = new WeakMap<object, { at: number; value: StripeSettings }>();
const CACHE_MS = 5000; // short, like the store settings, so several instances converge quickly

/** The stored Stripe keys, opened; read on every checkout and admin page, so cached briefly. */
export async function loadStripeSettings(db: Kysely<DB>, config: Secrets, now = Date.now()): Promise<StripeSettings> {
  const hit = cache.get(db);
  if (hit && now - hit.at < CACHE_MS) return hit.value;
  const rows = await db
    .selectFrom('settings')
    .select(['key', 'value'])
    .where('key', 'in', Object.values(KEYS))
    .execute();
  const map = new Map(rows.map((r) => [r.key, r.value]));
  const value = openSettings(map, config);
  cache.set(db, { at: now, value });
  return value;
}

function openSettings(map: Map<string, string>, config: Secrets): StripeSettings {
  const sealedSecret = map.get(KEYS.secretKey);
  const sealedWebhook = map.get(KEYS.webhookSecret);
  if (!sealedSecret || !sealedWebhook) return { kind: 'none' };
  try {
    const key = secretsKeyOf(config);
    const secretKey = openSecret(key, sealedSecret, KEYS.secretKey);
    const webhookSecret = openSecret(key, sealedWebhook, KEYS.webhookSecret);
    const keys = { secretKey, webhookSecret, publishableKey: map.get(KEYS.publishableKey) ?? '' };
    return { kind: 'ok', keys, live: isLiveKey(secretKey), updatedAt: map.get(KEYS.updatedAt) ?? '' };
  } catch (err) {
    if (err instanceof SecretBoxError) return { kind: 'unreadable' };
    throw err;
  }
}

export type StripeKeysInput = {
  /** Empty: keep the stored one. */
  secretKey: string;
  publishableKey: string;
  /** Empty: keep the stored one. */
  webhookSecret: string;
};

/** Seals and stores the keys in one transaction; an empty secret field keeps what is stored. */
export async function saveStripeKeys(db: Kysely<DB>, config: Secrets, input: StripeKeysInput): Promise<void> {
  const key = secretsKeyOf(config);
  await db.transaction().execute(async (trx) => {
    if (input.secretKey) await put(trx, KEYS.secretKey, sealSecret(key, input.secretKey, KEYS.secretKey));
    if (input.webhookSecret)
      await put(trx, KEYS.webhookSecret, sealSecret(key, input.webhookSecret, KEYS.webhookSecret));
    await put(trx, KEYS.publishableKey, input.publishableKey);
    await put(trx, KEYS.updatedAt, isoNow());
  });
  cache.delete(db);
}

/** Forgets the keys: new checkouts go through the test provider again. */
export async function removeStripeKeys(db: Kysely<DB>): Promise<void> {
  await db.deleteFrom('settings').where('key', 'in', Object.values(KEYS)).execute();
  cache.delete(db);
}

async function put(db: Db, key: string, value: string): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

export function clearStripeSettingsCache(db: Kysely<DB>): void {
  cache.delete(db);
}
