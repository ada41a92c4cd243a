import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setUpStore, type TestApp } from '../../testing/app.js';
import { buildLicensingTestApp, callApi, seedLicensedPurchase } from './testing.js';

const VERIFY = '/v2/licenses/verify';

describe('licence verification in the shape of Gumroad', () => {
  let t: TestApp;
  before(async () => {
    t = await buildLicensingTestApp();
    await setUpStore(t.services);
  });
  after(() => t.close());

  test('verify counts uses by default, and not with increment_uses_count=false', async () => {
    const p = await seedLicensedPurchase(t.services, { email: 'g@example.com', title: 'Theme' });
    const first = await callApi(t.app, VERIFY, { product_id: p.productId, license_key: p.key });
    assert.equal(first.statusCode, 200);
    const body = first.json();
    assert.equal(body.success, true);
    assert.equal(body.uses, 1);
    assert.equal(body.purchase.license_key, p.key);
    assert.equal(body.purchase.email, 'g@example.com');
    assert.equal(body.purchase.product_id, p.productId);
    assert.equal(body.purchase.product_name, 'Theme');
    assert.equal(body.purchase.refunded, false);
    assert.equal(body.purchase.chargebacked, false);
    assert.equal(body.purchase.price, 1900);
    assert.equal(body.purchase.currency, 'eur');
    assert.equal(body.purchase.sale_id, p.orderId);
    for (const field of [
      'sale_timestamp',
      'created_at',
      'permalink',
      'product_permalink',
      'variants',
      'custom_fields',
    ]) {
      assert.ok(field in body.purchase, field);
    }

    const second = await callApi(t.app, VERIFY, { product_id: p.productId, license_key: p.key }, 'json');
    assert.equal(second.json().uses, 2);
    for (const flag of ['false', '0']) {
      const peek = await callApi(t.app, VERIFY, {
        product_id: p.productId,
        license_key: p.key,
        increment_uses_count: flag,
      });
      assert.equal(peek.json().uses, 2, flag);
    }
    const json = await callApi(
      t.app,
      VERIFY,
      { product_id: p.productId, license_key: p.key, increment_uses_count: false },
      'json',
    );
    assert.equal(json.json().uses, 2);
    const counted = await callApi(
      t.app,
      VERIFY,
      { product_id: p.productId, license_key: p.key, increment_uses_count: true },
      'json',
    );
    assert.equal(counted.json().uses, 3);
  });

  test('by permalink; a key of another product answers like an unknown key', async () => {
    const p = await seedLicensedPurchase(t.services);
    const other = await seedLicensedPurchase(t.services);
    const slug = `p-${p.productId}`;
    const byPermalink = await callApi(t.app, VERIFY, { product_permalink: slug, license_key: p.key });
    assert.equal(byPermalink.statusCode, 200);
    assert.equal(byPermalink.json().purchase.permalink, slug);
    const wrong = await callApi(t.app, VERIFY, { product_id: other.productId, license_key: p.key });
    const unknown = await callApi(t.app, VERIFY, { product_id: p.productId, license_key: 'ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ' });
    assert.equal(wrong.statusCode, 404);
    assert.deepEqual(wrong.json(), {
      success: false,
      message: 'That license does not exist for the provided product.',
    });
    assert.deepEqual(unknown.json(), wrong.json());
    const missing = await callApi(t.app, VERIFY, { license_key: p.key });
    assert.equal(missing.statusCode, 400);
    assert.deepEqual(missing.json(), { success: false, message: 'product_id or product_permalink is required.' });
  });
});
