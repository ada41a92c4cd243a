import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { loadConfig } from '../../config.js';
import { tempDir } from '../../testing/database.js';
import { openSecret, SecretBoxError, sealSecret, secretsKeyOf } from './secret-box.js';

describe('secrets at rest (AES-256-GCM)', () => {
  const key = randomBytes(32);

  test('a sealed secret opens with its key and setting, and looks different every time', () => {
    const a = sealSecret(key, 'sk_test_123', 'stripe.secret_key');
    const b = sealSecret(key, 'sk_test_123', 'stripe.secret_key');
    assert.notEqual(a, b, 'a fresh nonce each time');
    assert.doesNotMatch(a, /sk_test/);
    assert.equal(openSecret(key, a, 'stripe.secret_key'), 'sk_test_123');
    assert.equal(openSecret(key, sealSecret(key, '', 'x'), 'x'), '');
  });

  test('another key, another setting, a changed byte or a cut tag do not open', () => {
    const sealed = sealSecret(key, 'whsec_abc', 'stripe.webhook_secret');
    assert.throws(() => openSecret(randomBytes(32), sealed, 'stripe.webhook_secret'), SecretBoxError);
    assert.throws(() => openSecret(key, sealed, 'stripe.secret_key'), SecretBoxError);
    const [v, nonce, tag, ct] = sealed.split('.') as [string, string, string, string];
    const flipped = Buffer.from(ct, 'base64url');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    assert.throws(
      () => openSecret(key, [v, nonce, tag, flipped.toString('base64url')].join('.'), 'stripe.webhook_secret'),
      SecretBoxError,
    );
    assert.throws(
      () => openSecret(key, [v, nonce, tag.slice(0, 8), ct].join('.'), 'stripe.webhook_secret'),
      SecretBoxError,
    );
    assert.throws(() => openSecret(key, 'plain-text', 'x'), SecretBoxError);
  });

  test('the key comes from SECRETS_KEY (hex or base64), else from a file made once in the data folder', () => {
    const hex = randomBytes(32).toString('hex');
    const dir = tempDir();
    assert.deepEqual(secretsKeyOf(loadConfig({ SECRETS_KEY: hex, DATA_DIR: dir })), Buffer.from(hex, 'hex'));
    const b64 = randomBytes(32).toString('base64');
    assert.deepEqual(secretsKeyOf(loadConfig({ SECRETS_KEY: b64, DATA_DIR: dir })), Buffer.from(b64, 'base64'));
    assert.throws(() => loadConfig({ SECRETS_KEY: 'too-short' }), /SECRETS_KEY/);

    const config = loadConfig({ DATA_DIR: dir });
    const made = secretsKeyOf(config);
    const file = join(config.dataDir, 'secrets.key');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(readFileSync(file, 'utf8'), made.toString('hex'));
    assert.deepEqual(secretsKeyOf(config), made, 'the same key on every start');
  });
});
