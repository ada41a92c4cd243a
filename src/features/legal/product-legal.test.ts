import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { seedProduct } from '../checkout/testing.js';

describe('FernUSG flag on products', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
  });
  after(() => t.close());

  test('flagged without a licence number: the admin is warned; with one, the warning goes', async () => {
    const product = await seedProduct(t.services, { title: 'Online-Yogakurs', status: 'draft' });
    const admin = new TestClient(t.app);
    await admin.login();
    const url = `/admin/products/${product.id}/legal`;
    assert.equal((await admin.postForm(url, { distanceLearning: '1', licence: '' })).statusCode, 303);
    assert.match((await admin.get(url)).body, /has no ZFU licence number/);
    assert.match((await admin.get('/admin/legal')).body, /Online-Yogakurs/);
    await admin.postForm(url, { distanceLearning: '1', licence: '7654321' });
    assert.doesNotMatch((await admin.get(url)).body, /has no ZFU licence number/);
    assert.doesNotMatch((await admin.get('/admin/legal')).body, /“Online-Yogakurs” is marked/);
    const row = await t.services.database.db
      .selectFrom('product_legal')
      .selectAll()
      .where('product_id', '=', product.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.fernusg_licence, '7654321');
    assert.equal(row.distance_learning, 1);
  });
});
