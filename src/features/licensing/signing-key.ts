import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { claimSetting, readSetting } from '../settings/store-settings.js';

const SETTING_KEY = 'licensing.signing_key';

/** The store's Ed25519 key pair for licence files. The private half never leaves the server. */
export type SigningKey = {
  /** First 16 hex digits of the public key's SHA-256, so software can tell keys apart. */
  keyId: string;
  /** The raw 32-byte public key, base64 (for PHP's sodium and most libraries). */
  publicKeyBase64: string;
  /** The same key as SPKI PEM (for Node's crypto and OpenSSL). */
  publicKeyPem: string;
  privateKey: KeyObject;
  createdAt: string;
};

type Stored = { publicKey: string; privateKeyPem: string; createdAt: string };

function generate(): Stored {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const x = publicKey.export({ format: 'jwk' }).x ?? '';
  return {
    publicKey: Buffer.from(x, 'base64url').toString('base64'),
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    createdAt: new Date().toISOString(),
  };
}

function load(stored: Stored): SigningKey {
  const privateKey = createPrivateKey(stored.privateKeyPem);
  const raw = Buffer.from(stored.publicKey, 'base64');
  return {
    keyId: createHash('sha256').update(raw).digest('hex').slice(0, 16),
    publicKeyBase64: stored.publicKey,
    publicKeyPem: createPublicKey(privateKey).export({ format: 'pem', type: 'spki' }).toString(),
    privateKey,
    createdAt: stored.createdAt,
  };
}

const cache = new WeakMap<Kysely<DB>, Promise<SigningKey>>();

/**
 * The store's signing key, made once: the first caller's pair is kept (insert
 * if absent), so several app instances on one database sign with the same key.
 * It lives in the settings table, so it travels with the database's backups.
 */
export function storeSigningKey(db: Kysely<DB>): Promise<SigningKey> {
  let key = cache.get(db);
  if (!key) {
    key = (async () => {
      const existing = await readSetting(db, SETTING_KEY);
      if (!existing) await claimSetting(db, SETTING_KEY, JSON.stringify(generate()));
      const stored = existing ?? (await readSetting(db, SETTING_KEY));
      if (!stored) throw new Error('licence signing key could not be stored');
      return load(JSON.parse(stored) as Stored);
    })();
    key.catch(() => cache.delete(db));
    cache.set(db, key);
  }
  return key;
}
