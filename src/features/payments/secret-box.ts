import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../../config.js';

/**
 * Secrets at rest (payment provider keys): AES-256-GCM with a random 96-bit
 * nonce per value. The setting's name is bound in as additional data, so a
 * sealed value copied into another setting does not open there.
 * Format: `v1.<nonce>.<tag>.<ciphertext>`, each part base64url.
 */
const VERSION = 'v1';
const KEY_FILE = 'secrets.key';

export class SecretBoxError extends Error {}

const keys = new Map<string, Buffer>();

/** The key from SECRETS_KEY, else from DATA_DIR/secrets.key (made once, readable by the owner only). */
export function secretsKeyOf(config: Pick<Config, 'secretsKey' | 'dataDir'>): Buffer {
  if (config.secretsKey) return decodeKey(config.secretsKey);
  const cached = keys.get(config.dataDir);
  if (cached) return cached;
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const file = join(config.dataDir, KEY_FILE);
  if (!existsSync(file)) {
    try {
      writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
    } catch (err) {
      // Another process made it first: use theirs.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  const key = decodeKey(readFileSync(file, 'utf8').trim());
  keys.set(config.dataDir, key);
  return key;
}

function decodeKey(text: string): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32) throw new SecretBoxError('the secrets key must be 32 bytes');
  return key;
}

export function sealSecret(key: Buffer, plaintext: string, context: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const parts = [nonce, cipher.getAuthTag(), ct].map((b) => b.toString('base64url'));
  return [VERSION, ...parts].join('.');
}

/** Throws SecretBoxError for a value sealed with another key, for another setting, or changed at rest. */
export function openSecret(key: Buffer, sealed: string, context: string): string {
  const [version, nonce, tag, ct, extra] = sealed.split('.');
  if (version !== VERSION || !nonce || !tag || ct === undefined || extra !== undefined)
    throw new SecretBoxError('not a sealed secret');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'), {
      authTagLength: 16,
    });
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretBoxError('the secret cannot be opened with this key');
  }
}
