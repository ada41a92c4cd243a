import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setUpStore, type TestApp } from '../../testing/app.js';
import { buildLicensingTestApp, callApi, seedLicensedPurchase } from './testing.js';

const ENDPOINTS = {
  activate: { url: '/api/v1/licenses/activate', extra: { instance_name: 'x' } },
  validate: { url: '/api/v1/licenses/validate', extra: {} },
  deactivate: { url: '/api/v1/licenses/deactivate', extra: { instance_id: 'x' } },
  file: { url: '/api/v1/licenses/file', extra: { instance_id: 'x' } },
} as const;

const shapeOf = (v: unknown): unknown =>
  v === null || typeof v !== 'object'
    ? typeof v
    : Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shapeOf(x)]));

describe('refusals: unknown, disabled and expired keys, malformed requests', () => {
  let t: TestApp;
  before(async () => {
    t = await buildLicensingTestApp();
    await setUpStore(t.services);
  });
  after(() => t.close());

  test('unknown and disabled keys answer identically; expired ones in the same shape', async () => {
    const disabled = await seedLicensedPurchase(t.services);
    await t.services.database.db
      .updateTable('license_keys')
      .set({ disabled_at: new Date().toISOString(), disabled_reason: 'admin' })
      .where('order_id', '=', disabled.orderId)
      .execute();
    const expired = await seedLicensedPurchase(t.services, { validity: 'days', days: 30 });
    await t.services.database.db
      .updateTable('license_keys')
      .set({ expires_at: '2020-01-01T00:00:00.000Z' })
      .where('order_id', '=', expired.orderId)
      .execute();
    const unknownKey = 'QQQQQ-WWWWW-EEEEE-RRRRR';
    for (const [name, { url, extra }] of Object.entries(ENDPOINTS)) {
      const unknown = await callApi(t.app, url, { license_key: unknownKey, ...extra });
      const off = await callApi(t.app, url, { license_key: disabled.key, ...extra });
      assert.equal(unknown.statusCode, 404, name);
      assert.equal(off.statusCode, unknown.statusCode, name);
      assert.deepEqual(off.json(), unknown.json(), name);
      if (name === 'deactivate') continue; // an expired key may still free its activations
      const old = await callApi(t.app, url, { license_key: expired.key, ...extra });
      assert.ok(old.statusCode >= 400 && old.statusCode < 500, name);
      assert.deepEqual(shapeOf(old.json()), shapeOf(unknown.json()), name);
      assert.match(JSON.stringify(old.json()), /expired/, name);
    }
    const verify = (key: string, productId: string) =>
      callApi(t.app, '/v2/licenses/verify', { license_key: key, product_id: productId });
    const gUnknown = await verify(unknownKey, disabled.productId);
    const gOff = await verify(disabled.key, disabled.productId);
    const gOld = await verify(expired.key, expired.productId);
    assert.equal(gUnknown.statusCode, 404);
    assert.equal(gOff.statusCode, 404);
    assert.equal(gOld.statusCode, 404);
    assert.deepEqual(gOff.json(), gUnknown.json());
    assert.deepEqual(shapeOf(gOld.json()), shapeOf(gUnknown.json()));
    assert.equal(gOld.json().message, 'This license key has expired.');
  });

  test('missing fields, wrong types and odd bodies: a 4xx in the endpoint’s own shape', async () => {
    const p = await seedLicensedPurchase(t.services);
    const cases: [string, Record<string, unknown>, 'form' | 'json', RegExp][] = [
      ['/api/v1/licenses/activate', {}, 'form', /license_key is required/],
      ['/api/v1/licenses/activate', { license_key: p.key }, 'form', /instance_name is required/],
      ['/api/v1/licenses/activate', { license_key: 12345, instance_name: 'x' }, 'json', /license_key must be a string/],
      [
        '/api/v1/licenses/activate',
        { license_key: p.key, instance_name: ['a', 'b'] },
        'json',
        /instance_name must be a string/,
      ],
      ['/api/v1/licenses/activate', { license_key: 'x'.repeat(101), instance_name: 'a' }, 'json', /at most 100/],
      ['/api/v1/licenses/validate', { license_key: '   ' }, 'form', /license_key is required/],
      ['/api/v1/licenses/validate', { license_key: null }, 'json', /license_key must be a string/],
      ['/api/v1/licenses/deactivate', { license_key: p.key }, 'json', /instance_id is required/],
      [
        '/api/v1/licenses/file',
        { license_key: p.key, instance_id: { $ne: 1 } },
        'json',
        /instance_id must be a string/,
      ],
      ['/v2/licenses/verify', { product_id: p.productId }, 'form', /license_key is required/],
      [
        '/v2/licenses/verify',
        { product_id: p.productId, license_key: p.key, increment_uses_count: 'maybe' },
        'form',
        /true or false/,
      ],
    ];
    for (const [url, fields, as, message] of cases) {
      const r = await callApi(t.app, url, fields, as);
      const label = `${url} ${JSON.stringify(fields)}`;
      assert.equal(r.statusCode, url.startsWith('/v2/') ? 400 : 422, label);
      assert.match(r.headers['content-type'] as string, /^application\/json/, label);
      const body = r.json();
      if (url.startsWith('/v2/')) {
        assert.equal(body.success, false, label);
        assert.match(body.message, message, label);
      } else {
        assert.match(body.error, message, label);
        if (url.endsWith('/activate')) assert.equal(body.activated, false, label);
      }
    }
  });

  test('SQL in the fields is only text', async () => {
    const p = await seedLicensedPurchase(t.services);
    for (const evil of ["' OR '1'='1", "x'); DROP TABLE license_keys; --", '%', '_____-_____-_____-_____']) {
      const r = await callApi(t.app, '/api/v1/licenses/activate', { license_key: evil, instance_name: evil });
      assert.equal(r.statusCode, 404, evil);
      const v = await callApi(t.app, '/api/v1/licenses/validate', { license_key: p.key, instance_id: evil });
      assert.equal(v.statusCode, 404, evil);
      assert.equal(v.json().error, 'license_key instance not found.');
    }
    const ok = await callApi(t.app, '/api/v1/licenses/activate', { license_key: p.key, instance_name: "Bobby'); --" });
    assert.equal(ok.json().instance.name, "Bobby'); --");
  });

  test('a 10 MB body, broken JSON, other content types and an empty body', async () => {
    const big = await t.app.inject({
      method: 'POST',
      url: '/api/v1/licenses/activate',
      payload: `license_key=${'A'.repeat(10 * 1024 * 1024)}&instance_name=x`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(big.statusCode, 413);
    assert.deepEqual(big.json(), {
      activated: false,
      error: 'The request body is too large.',
      license_key: null,
      instance: null,
      meta: null,
    });
    const bigJson = await t.app.inject({
      method: 'POST',
      url: '/v2/licenses/verify',
      payload: JSON.stringify({ license_key: 'A'.repeat(10 * 1024 * 1024) }),
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(bigJson.statusCode, 413);
    assert.equal(bigJson.json().success, false);
    const broken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/licenses/validate',
      payload: '{"license_key": ',
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(broken.statusCode, 400);
    assert.equal(broken.json().valid, false);
    assert.equal(broken.json().error, 'The request body could not be read.');
    const xml = await t.app.inject({
      method: 'POST',
      url: '/api/v1/licenses/validate',
      payload: '<license_key>x</license_key>',
      headers: { 'content-type': 'application/xml' },
    });
    assert.equal(xml.statusCode, 415);
    assert.equal(xml.json().valid, false);
    const empty = await t.app.inject({ method: 'POST', url: '/api/v1/licenses/validate' });
    assert.equal(empty.statusCode, 422);
    assert.equal(empty.json().error, 'license_key is required.');
    const array = await callApi(t.app, '/api/v1/licenses/validate', [] as unknown as Record<string, unknown>, 'json');
    assert.equal(array.statusCode, 422);
    const get = await t.app.inject({ method: 'GET', url: '/api/v1/licenses/validate' });
    assert.equal(get.statusCode, 404);
  });
});
