import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setUpStore, type TestApp } from '../../testing/app.js';
import { buildLicensingTestApp, seedLicensedPurchase } from './testing.js';

describe('licence API rate limits', () => {
  let t: TestApp;
  before(async () => {
    t = await buildLicensingTestApp({ env: { LICENSE_RATE_PER_IP: '8', LICENSE_RATE_PER_KEY: '3' } });
    await setUpStore(t.services);
  });
  after(() => t.close());

  const from = (ip: string) => ({ remoteAddress: ip });

  test('per key: the fourth request for one key within a minute gets 429 with Retry-After, from any address', async () => {
    const p = await seedLicensedPurchase(t.services);
    const validate = (ip: string, key = p.key) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/licenses/validate',
        payload: { license_key: key },
        ...from(ip),
      });
    for (const ip of ['10.0.0.1', '10.0.0.2', '10.0.0.3']) assert.equal((await validate(ip)).statusCode, 200);
    // the same key written differently is the same key
    const limited = await validate('10.0.0.4', p.key.toLowerCase().replaceAll('-', ' '));
    assert.equal(limited.statusCode, 429);
    const retryAfter = Number(limited.headers['retry-after']);
    assert.ok(retryAfter >= 1 && retryAfter <= 60, `retry-after ${limited.headers['retry-after']}`);
    assert.equal(limited.json().valid, false);
    assert.match(limited.json().error, /Too many requests/);
    const other = await seedLicensedPurchase(t.services);
    assert.equal((await validate('10.0.0.4', other.key)).statusCode, 200, 'other keys are not affected');
  });

  test('per IP: the ninth request from one address within a minute gets 429, on every endpoint and shape', async () => {
    const keys = await Promise.all([1, 2, 3].map(() => seedLicensedPurchase(t.services)));
    const ip = '192.0.2.7';
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/licenses/validate',
        payload: { license_key: keys[i % 3]!.key },
        ...from(ip),
      });
      statuses.push(r.statusCode);
    }
    assert.ok(statuses.every((s) => s === 200 || s === 429));
    const gumroad = await t.app.inject({
      method: 'POST',
      url: '/v2/licenses/verify',
      payload: { license_key: 'AAAAA-BBBBB-CCCCC-DDDDD', product_id: 'x' },
      ...from(ip),
    });
    assert.equal(gumroad.statusCode, 429);
    assert.ok(Number(gumroad.headers['retry-after']) >= 1);
    assert.equal(gumroad.json().success, false);
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/licenses/activate', payload: {}, ...from(ip) });
    assert.equal(bad.statusCode, 429, 'limited before the body is read');
    assert.equal(bad.json().activated, false);
    const elsewhere = await t.app.inject({
      method: 'POST',
      url: '/api/v1/licenses/validate',
      payload: { license_key: 'AAAAA-BBBBB-CCCCC-DDDDD' },
      ...from('192.0.2.8'),
    });
    assert.equal(elsewhere.statusCode, 404);
  });
});
