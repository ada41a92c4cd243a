import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lemonSqueezyLicenceKeys } from './lemonsqueezy-licence-keys.js';
import { fixture, parseAll, problemAt, recordAt } from './testing.js';

test('Lemon Squeezy licence keys: a key verbatim with its limit and use', async () => {
  const lines = await parseAll(lemonSqueezyLicenceKeys, fixture('lemonsqueezy-licence-keys.csv'));
  assert.equal(lines.length, 11);
  assert.deepEqual(recordAt(lines, 3), {
    kind: 'licence',
    externalId: '502',
    person: { email: 'bruno.keller@example.org', name: 'Bruno Keller', country: null, consent: 'unknown' },
    productExternalId: '77001',
    productName: 'Lemon Squeezy product 77001',
    issuedAt: '2024-01-06T11:00:00.000Z',
    licenceKey: {
      key: '3f2a9c1e-4b5d-4e6f-8a7b-9c0d1e2f3a4b',
      activations: 3,
      activationLimit: 5,
      disabled: false,
      expiresAt: null,
    },
  });
});

test('Lemon Squeezy licence keys: unlimited, disabled, expired, custom keys', async () => {
  const lines = await parseAll(lemonSqueezyLicenceKeys, fixture('lemonsqueezy-licence-keys.csv'));
  const key = (line: number) => {
    const r = recordAt(lines, line);
    return r.kind === 'licence' ? r.licenceKey : undefined;
  };
  assert.equal(key(4)?.activationLimit, null);
  assert.equal(key(4)?.activations, 12);
  assert.equal(key(5)?.disabled, true);
  assert.deepEqual(key(6), {
    key: 'c3d4e5f6-a7b8-4c9d-0e1f-2a3b4c5d6e7f',
    activations: 2,
    activationLimit: 3,
    disabled: false,
    expiresAt: '2024-02-08T13:00:00.000Z',
  });
  assert.equal(key(7)?.expiresAt, '2025-01-09T14:00:00.000Z');
  assert.equal(key(12)?.key, 'MY-CUSTOM-KEY-0001');
  assert.equal(recordAt(lines, 12).person.email, 'kofi.mensah@example.org');
});

test('Lemon Squeezy licence keys: bad lines name their column', async () => {
  const lines = await parseAll(lemonSqueezyLicenceKeys, fixture('lemonsqueezy-licence-keys.csv'));
  assert.deepEqual(problemAt(lines, 8), {
    code: 'invalid_email',
    column: 'user_email',
    detail: 'gaia.romano(at)example.com',
  });
  assert.deepEqual(problemAt(lines, 9), { code: 'missing_column', column: 'key', detail: 'empty' });
  assert.deepEqual(problemAt(lines, 10), { code: 'invalid_value', column: 'instances_count', detail: 'three' });
  assert.deepEqual(problemAt(lines, 11), { code: 'invalid_date', column: 'created_at', detail: 'yesterday' });
  assert.deepEqual(lemonSqueezyLicenceKeys.missingColumns(['id', 'key']).slice(0, 2), ['product_id', 'user_name']);
});
