import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setUpStore, type TestApp } from '../../testing/app.js';
import { setLicenseKeyDisabled } from './set-license-key-disabled.js';
import { buildLicensingTestApp, callApi, seedLicensedPurchase } from './testing.js';

const VALIDATE = '/api/v1/licenses/validate';

describe('licence validation under load: the lean request path', () => {
  let t: TestApp;
  before(async () => {
    t = await buildLicensingTestApp();
    await setUpStore(t.services);
  });
  after(() => t.close());

  test('60 validations at once (read together) answer exactly like one at a time', async () => {
    const keys = await Promise.all([1, 2, 3].map(() => seedLicensedPurchase(t.services)));
    const off = await seedLicensedPurchase(t.services);
    await setLicenseKeyDisabled(t.services.database.db, { id: off.keys[0]!.id, disabled: true, actor: 'test' });
    const asked = [...keys.map((k) => k.key), off.key, 'AAAAA-BBBBB-CCCCC-DDDDD'];
    const alone = new Map<string, { status: number; body: unknown }>();
    for (const key of asked) {
      const r = await callApi(t.app, VALIDATE, { license_key: key });
      alone.set(key, { status: r.statusCode, body: r.json() });
    }
    const together = await Promise.all(
      Array.from({ length: 60 }, (_, i) => asked[i % asked.length]!).map(async (key) => {
        const r = await callApi(t.app, VALIDATE, { license_key: key });
        return { key, status: r.statusCode, body: r.json() };
      }),
    );
    for (const r of together) assert.deepEqual({ status: r.status, body: r.body }, alone.get(r.key), r.key);
    assert.deepEqual(alone.get(off.key), alone.get('AAAAA-BBBBB-CCCCC-DDDDD'), 'disabled answers like unknown');
    assert.equal(alone.get(keys[0]!.key)?.status, 200);
  });

  test('a key disabled between two validations is refused at once (nothing is cached)', async () => {
    const p = await seedLicensedPurchase(t.services);
    assert.equal((await callApi(t.app, VALIDATE, { license_key: p.key })).statusCode, 200);
    await setLicenseKeyDisabled(t.services.database.db, { id: p.keys[0]!.id, disabled: true, actor: 'test' });
    const r = await callApi(t.app, VALIDATE, { license_key: p.key });
    assert.equal(r.statusCode, 404);
    assert.equal(r.json().valid, false);
  });

  test('API answers carry the JSON security headers and CORS; pages keep their own', async () => {
    const p = await seedLicensedPurchase(t.services);
    const r = await callApi(t.app, VALIDATE, { license_key: p.key });
    assert.equal(r.headers['content-security-policy'], "default-src 'none'; frame-ancestors 'none'");
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
    assert.equal(r.headers['x-frame-options'], 'DENY');
    assert.equal(r.headers['referrer-policy'], 'no-referrer');
    assert.equal(r.headers['access-control-allow-origin'], '*');
    assert.equal(r.headers['cross-origin-resource-policy'], 'cross-origin');
    assert.ok(r.headers['x-request-id']);
    const bad = await callApi(t.app, VALIDATE, {});
    assert.equal(bad.statusCode, 422);
    assert.equal(bad.headers['x-content-type-options'], 'nosniff', 'refusals too');
    assert.equal(bad.headers['access-control-allow-origin'], '*');
    const page = await t.app.inject({ method: 'GET', url: '/' });
    assert.match(String(page.headers['content-security-policy']), /script-src 'self'/);
    assert.equal(page.headers['cross-origin-resource-policy'], 'same-origin');
  });
});
