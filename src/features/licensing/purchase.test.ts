import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { latestOrder, seedProduct } from '../checkout/testing.js';
import { refundOrder } from '../payments/refund-order.js';
import { hashLicenseKey } from './license-key.js';
import { licenseKeysForOrder } from './queries.js';
import { buildLicensingTestApp, callApi, enableLicensing } from './testing.js';

describe('buying a product with licence keys', () => {
  let t: TestApp;
  before(async () => {
    t = await buildLicensingTestApp();
    await setUpStore(t.services);
  });
  after(() => t.close());

  async function buy(email: string) {
    const product = await seedProduct(t.services, { title: 'Pixel Plugin', priceMinor: 2900 });
    await enableLicensing(t.services, product.id, { limit: 3 });
    const c = new TestClient(t.app);
    const res = await c.postForm(
      '/checkout',
      { productId: product.id, digitalConsent: '1', email },
      { formPage: `/checkout?product=${product.id}` },
    );
    const payUrl = res.headers.location as string;
    await c.postForm(payUrl, { outcome: 'pay' }, { formPage: payUrl });
    await t.drainJobs();
    const order = await latestOrder(t.services);
    assert.equal(order.status, 'paid');
    return { c, order, product };
  }

  test('the key is issued once, shown on the thank-you page, in the receipt, and works with the API', async () => {
    const { c, order } = await buy('keys@example.com');
    const keys = await licenseKeysForOrder(t.services.database.db, order.id);
    assert.equal(keys.length, 1);
    const key = keys[0]!.key;
    assert.match(key, /^[2-9A-HJKMNP-Z]{5}(-[2-9A-HJKMNP-Z]{5}){3}$/);

    const page = await c.get(`/checkout/orders/${order.id}?k=${order.access_key}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Your licence keys/);
    assert.ok(page.body.includes(key), 'thank-you page shows the key');
    assert.match(page.body, /0 of 3 activations used/);

    const receipt = await t.services.database.db
      .selectFrom('emails')
      .selectAll()
      .where('to_address', '=', 'keys@example.com')
      .where('template', '=', 'receipt')
      .executeTakeFirstOrThrow();
    assert.ok(receipt.text.includes(`Your licence key for Pixel Plugin: ${key}`), receipt.text);
    assert.ok(receipt.html.includes(key));

    // fulfilment again (a retried job): still one key, the same one
    const { db } = t.services.database;
    const job = await db
      .selectFrom('jobs')
      .select('id')
      .where('unique_key', '=', `fulfil:${order.id}`)
      .executeTakeFirstOrThrow();
    await db
      .updateTable('jobs')
      .set({ status: 'pending', run_at: new Date().toISOString(), attempts: 0 })
      .where('id', '=', job.id)
      .execute();
    await t.drainJobs();
    const again = await licenseKeysForOrder(db, order.id);
    assert.deepEqual(
      again.map((k) => k.key),
      [key],
    );
    const stored = await db.selectFrom('license_keys').selectAll().where('order_id', '=', order.id).execute();
    assert.equal(stored.length, 1);
    assert.equal(stored[0]!.key_hash, hashLicenseKey(key));
    assert.equal(stored[0]!.activation_limit, 3);

    const activated = await callApi(t.app, '/api/v1/licenses/activate', { license_key: key, instance_name: 'laptop' });
    assert.equal(activated.statusCode, 200);
    assert.equal(activated.json().license_key.test_mode, true);
  });

  test('a refund disables the key: the API then answers as for an unknown key', async () => {
    const { order } = await buy('refund@example.com');
    const [k] = await licenseKeysForOrder(t.services.database.db, order.id);
    assert.ok(k);
    assert.equal((await callApi(t.app, '/api/v1/licenses/validate', { license_key: k.key })).statusCode, 200);
    assert.equal(await refundOrder(t.services, order.id, 'owner@example.com'), 'ok');
    const [after] = await licenseKeysForOrder(t.services.database.db, order.id);
    assert.equal(after?.status, 'disabled');
    const row = await t.services.database.db
      .selectFrom('license_keys')
      .select('disabled_reason')
      .where('id', '=', k.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.disabled_reason, 'refund');
    const refused = await callApi(t.app, '/api/v1/licenses/validate', { license_key: k.key });
    const unknown = await callApi(t.app, '/api/v1/licenses/validate', { license_key: 'ABCDE-ABCDE-ABCDE-ABCDE' });
    assert.equal(refused.statusCode, 404);
    assert.deepEqual(refused.json(), unknown.json());
  });
});
