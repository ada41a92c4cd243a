import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setUpStore, type TestApp } from '../../testing/app.js';
import { buildLicensingTestApp, callApi, seedLicensedPurchase } from './testing.js';

const ACTIVATE = '/api/v1/licenses/activate';
const VALIDATE = '/api/v1/licenses/validate';
const DEACTIVATE = '/api/v1/licenses/deactivate';

describe('licence API in the shape of Lemon Squeezy', () => {
  let t: TestApp;
  before(async () => {
    t = await buildLicensingTestApp();
    await setUpStore(t.services);
  });
  after(() => t.close());

  test('activate, validate, deactivate: shapes, usage and status', async () => {
    const p = await seedLicensedPurchase(t.services, { limit: 2, email: 'dev@example.com', title: 'Pixel Plugin' });
    const inactive = await callApi(t.app, VALIDATE, { license_key: p.key });
    assert.equal(inactive.statusCode, 200);
    assert.equal(inactive.json().valid, true);
    assert.equal(inactive.json().license_key.status, 'inactive');
    assert.equal(inactive.json().instance, null);

    const res = await callApi(t.app, ACTIVATE, { license_key: p.key.toLowerCase(), instance_name: 'laptop' });
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /application\/json/);
    const body = res.json();
    assert.deepEqual(Object.keys(body), ['activated', 'error', 'license_key', 'instance', 'meta']);
    assert.equal(body.activated, true);
    assert.equal(body.error, null);
    assert.deepEqual(Object.keys(body.license_key).sort(), [
      'activation_limit',
      'activation_usage',
      'created_at',
      'expires_at',
      'id',
      'key',
      'status',
      'test_mode',
    ]);
    assert.equal(body.license_key.key, p.key);
    assert.equal(body.license_key.status, 'active');
    assert.equal(body.license_key.activation_limit, 2);
    assert.equal(body.license_key.activation_usage, 1);
    assert.equal(body.license_key.expires_at, null);
    assert.equal(body.instance.name, 'laptop');
    assert.match(body.instance.id, /^[0-9a-f-]{36}$/);
    assert.deepEqual(body.meta, {
      store_id: 1,
      order_id: p.orderId,
      order_item_id: p.orderItemId,
      product_id: p.productId,
      product_name: 'Pixel Plugin',
      variant_id: p.productId,
      variant_name: 'Default',
      customer_id: p.customerId,
      customer_name: '',
      customer_email: 'dev@example.com',
    });

    const valid = await callApi(t.app, VALIDATE, { license_key: p.key, instance_id: body.instance.id }, 'json');
    assert.equal(valid.statusCode, 200);
    assert.deepEqual(Object.keys(valid.json()), ['valid', 'error', 'license_key', 'instance', 'meta']);
    assert.equal(valid.json().valid, true);
    assert.equal(valid.json().instance.id, body.instance.id);

    const wrongInstance = await callApi(t.app, VALIDATE, { license_key: p.key, instance_id: 'nope' });
    assert.equal(wrongInstance.statusCode, 404);
    assert.equal(wrongInstance.json().valid, false);
    assert.equal(wrongInstance.json().error, 'license_key instance not found.');

    const second = await callApi(t.app, ACTIVATE, { license_key: p.key, instance_name: 'desktop' }, 'json');
    assert.equal(second.json().license_key.activation_usage, 2);
    const third = await callApi(t.app, ACTIVATE, { license_key: p.key, instance_name: 'server' });
    assert.equal(third.statusCode, 400);
    assert.equal(third.json().activated, false);
    assert.equal(third.json().error, 'This license key has reached the activation limit.');
    assert.equal(third.json().license_key.activation_usage, 2);
    assert.equal(third.json().instance, null);

    const off = await callApi(t.app, DEACTIVATE, { license_key: p.key, instance_id: body.instance.id });
    assert.equal(off.statusCode, 200);
    assert.deepEqual(Object.keys(off.json()), ['deactivated', 'error', 'license_key', 'meta']);
    assert.equal(off.json().deactivated, true);
    assert.equal(off.json().license_key.activation_usage, 1);
    const again = await callApi(t.app, DEACTIVATE, { license_key: p.key, instance_id: body.instance.id });
    assert.equal(again.statusCode, 404);
    assert.equal(again.json().deactivated, false);
    assert.equal(again.json().license_key.activation_usage, 1);
    const gone = await callApi(t.app, VALIDATE, { license_key: p.key, instance_id: body.instance.id });
    assert.equal(gone.json().valid, false);
    assert.equal((await callApi(t.app, ACTIVATE, { license_key: p.key, instance_name: 'server' })).statusCode, 200);
  });

  test('unlimited keys and keys with a validity in days', async () => {
    const unlimited = await seedLicensedPurchase(t.services, { limit: null });
    for (let i = 0; i < 12; i++) {
      const r = await callApi(t.app, ACTIVATE, { license_key: unlimited.key, instance_name: `m${i}` });
      assert.equal(r.statusCode, 200);
      assert.equal(r.json().license_key.activation_limit, null);
    }
    const yearly = await seedLicensedPurchase(t.services, { validity: 'days', days: 365 });
    const expires = Date.parse(yearly.keys[0]!.expiresAt!);
    assert.ok(Math.abs(expires - (Date.now() + 365 * 86_400_000)) < 60_000);
    const sub = await seedLicensedPurchase(t.services, { validity: 'subscription' });
    assert.equal(sub.keys[0]!.expiresAt, null, 'subscription keys do not expire until subscriptions exist');
  });
});

describe('licence API from a browser', () => {
  let t: TestApp;
  before(async () => {
    t = await buildLicensingTestApp();
    await setUpStore(t.services);
  });
  after(() => t.close());

  test('any origin may read the answers; JSON requests get their preflight', async () => {
    const p = await seedLicensedPurchase(t.services);
    const pre = await t.app.inject({
      method: 'OPTIONS',
      url: ACTIVATE,
      headers: {
        origin: 'https://figma.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    assert.equal(pre.statusCode, 204);
    assert.equal(pre.headers['access-control-allow-origin'], '*');
    assert.match(pre.headers['access-control-allow-headers'] as string, /content-type/);
    const res = await callApi(t.app, VALIDATE, { license_key: p.key }, 'json', { origin: 'https://figma.example' });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['access-control-allow-origin'], '*');
    assert.equal(res.headers['cross-origin-resource-policy'], 'cross-origin');
    const refused = await callApi(t.app, VALIDATE, { license_key: 'nope' }, 'json', { origin: 'https://x.example' });
    assert.equal(refused.headers['access-control-allow-origin'], '*');
    const admin = await t.app.inject({ url: '/admin/licenses', headers: { origin: 'https://x.example' } });
    assert.equal(admin.headers['access-control-allow-origin'], undefined, 'only the licence API');
  });
});
