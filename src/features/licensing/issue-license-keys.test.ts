import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setUpStore, type TestApp } from '../../testing/app.js';
import { seedPurchase } from '../delivery/testing.js';
import { issueLicenseKeys } from './issue-license-keys.js';
import { generateLicenseKey, hashLicenseKey, KEY_ALPHABET, normaliseLicenseKey } from './license-key.js';
import { expiryFor, licenseStatus } from './license-rules.js';
import { licenseKeysForOrder } from './queries.js';
import { buildLicensingTestApp, enableLicensing, seedLicensedPurchase } from './testing.js';

test('keys: four groups of five from an alphabet without 0, O, 1, I and L', () => {
  assert.equal(KEY_ALPHABET.length, 31);
  for (const c of '0O1IL') assert.ok(!KEY_ALPHABET.includes(c), c);
  const seen = new Set<string>();
  const used = new Set<string>();
  for (let i = 0; i < 2000; i++) {
    const key = generateLicenseKey();
    assert.match(key, /^[A-Z2-9]{5}-[A-Z2-9]{5}-[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    for (const c of key.replaceAll('-', '')) {
      assert.ok(KEY_ALPHABET.includes(c), `${c} in ${key}`);
      used.add(c);
    }
    seen.add(key);
  }
  assert.equal(seen.size, 2000, 'no repeats');
  assert.equal(used.size, KEY_ALPHABET.length, 'every symbol occurs');
});

test('lookups ignore case, spaces and dashes', () => {
  const key = 'ABCDE-FGHJK-MNPQR-STUVW';
  assert.equal(normaliseLicenseKey(' abcde fghjk-mnpqr–stuvw\n'), 'ABCDEFGHJKMNPQRSTUVW');
  assert.equal(hashLicenseKey('abcdefghjkmnpqrstuvw'), hashLicenseKey(key));
  assert.match(hashLicenseKey(key), /^[0-9a-f]{64}$/);
  assert.notEqual(hashLicenseKey(key), hashLicenseKey('ABCDE-FGHJK-MNPQR-STUVX'));
});

test('status and expiry rules', () => {
  const now = '2026-06-01T00:00:00.000Z';
  const base = { disabled_at: null, expires_at: null, activation_usage: 0 };
  assert.equal(licenseStatus(base, now), 'inactive');
  assert.equal(licenseStatus({ ...base, activation_usage: 2 }, now), 'active');
  assert.equal(licenseStatus({ ...base, expires_at: now }, now), 'expired');
  assert.equal(licenseStatus({ ...base, expires_at: '2026-06-02T00:00:00.000Z' }, now), 'inactive');
  assert.equal(licenseStatus({ ...base, disabled_at: now, expires_at: '2020-01-01T00:00:00.000Z' }, now), 'disabled');
  const from = new Date(now);
  assert.equal(expiryFor({ validity: 'forever', validity_days: 30 }, from), null);
  assert.equal(expiryFor({ validity: 'days', validity_days: 30 }, from), '2026-07-01T00:00:00.000Z');
  assert.equal(expiryFor({ validity: 'subscription', validity_days: null }, from), null);
});

describe('issuing keys in fulfilment', () => {
  let t: TestApp;
  before(async () => {
    t = await buildLicensingTestApp();
    await setUpStore(t.services);
  });
  after(() => t.close());

  test('one key per unit bought, exactly once however often fulfilment runs', async () => {
    const p = await seedLicensedPurchase(t.services, { quantity: 3, limit: 5 });
    assert.equal(p.keys.length, 3);
    assert.equal(new Set(p.keys.map((k) => k.key)).size, 3);
    const { db } = t.services.database;
    const twice = await Promise.all([
      db.transaction().execute((trx) => issueLicenseKeys(trx, p.orderId)),
      db.transaction().execute((trx) => issueLicenseKeys(trx, p.orderId)),
    ]);
    assert.deepEqual(twice, [0, 0]);
    const keys = await licenseKeysForOrder(db, p.orderId);
    assert.deepEqual(
      keys.map((k) => k.key),
      p.keys.map((k) => k.key),
    );
    const units = await db
      .selectFrom('license_keys')
      .select('unit_index')
      .where('order_id', '=', p.orderId)
      .orderBy('unit_index')
      .execute();
    assert.deepEqual(
      units.map((u) => u.unit_index),
      [0, 1, 2],
    );
  });

  test('products without licence keys (or switched off) issue none', async () => {
    const plain = await seedPurchase(t.services);
    const { db } = t.services.database;
    assert.equal(await db.transaction().execute((trx) => issueLicenseKeys(trx, plain.orderId)), 0);
    const off = await seedPurchase(t.services);
    await enableLicensing(t.services, off.productId);
    await db.updateTable('license_settings').set({ enabled: 0 }).where('product_id', '=', off.productId).execute();
    assert.equal(await db.transaction().execute((trx) => issueLicenseKeys(trx, off.orderId)), 0);
  });
});
