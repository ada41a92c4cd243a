import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { addDemoProducts } from '../catalog/demo-products.js';
import { latestOrder } from '../checkout/testing.js';
import { addDemoLicensedProduct } from './demo.js';
import { licenseKeysForOrder } from './queries.js';
import { buildLicensingTestApp, callApi } from './testing.js';

describe('the demo store’s licensed plugin', () => {
  let t: TestApp;
  before(async () => {
    t = await buildLicensingTestApp();
    await setUpStore(t.services, { demo: true });
  });
  after(() => t.close());

  test('added once beside the catalogue’s demo products, and a purchase issues a key for 3 activations', async () => {
    await addDemoProducts(t.services);
    const runs = await Promise.all([addDemoLicensedProduct(t.services), addDemoLicensedProduct(t.services)]);
    assert.equal(runs.filter((r) => r.added).length, 1);
    assert.equal((await addDemoLicensedProduct(t.services)).added, false);
    const { db } = t.services.database;
    const plugins = await db.selectFrom('products').selectAll().where('slug', '=', 'focus-timer-plugin').execute();
    assert.equal(plugins.length, 1);
    const plugin = plugins[0]!;
    assert.equal(plugin.status, 'published');
    assert.equal(plugin.price_minor, 2900);
    const settings = await db
      .selectFrom('license_settings')
      .selectAll()
      .where('product_id', '=', plugin.id)
      .executeTakeFirstOrThrow();
    assert.equal(settings.enabled, 1);
    assert.equal(settings.activation_limit, 3);
    assert.ok((await db.selectFrom('products').select('id').execute()).length > 1, 'the other demo products stay');

    const c = new TestClient(t.app);
    const res = await c.postForm(
      '/checkout',
      { productId: plugin.id, digitalConsent: '1', email: 'demo-buyer@example.com' },
      { formPage: `/checkout?product=${plugin.id}` },
    );
    const payUrl = res.headers.location as string;
    await c.postForm(payUrl, { outcome: 'pay' }, { formPage: payUrl });
    await t.drainJobs();
    const order = await latestOrder(t.services);
    const [key] = await licenseKeysForOrder(db, order.id);
    assert.ok(key);
    assert.equal(key.activationLimit, 3);
    for (const name of ['a', 'b', 'c']) {
      const r = await callApi(t.app, '/api/v1/licenses/activate', { license_key: key.key, instance_name: name });
      assert.equal(r.statusCode, 200);
    }
    const fourth = await callApi(t.app, '/api/v1/licenses/activate', { license_key: key.key, instance_name: 'd' });
    assert.equal(fourth.statusCode, 400);
    const page = await c.get(`/checkout/orders/${order.id}?k=${order.access_key}`);
    assert.ok(page.body.includes(key.key));
    assert.match(page.body, /focus-timer-plugin\.zip|Plugin \(ZIP\)/);
  });
});
