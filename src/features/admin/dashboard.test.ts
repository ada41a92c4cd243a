import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { seedPurchase } from '../delivery/testing.js';
import { loadDashboard } from './dashboard-data.js';

describe('admin dashboard', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
  });
  after(() => t.close());

  test('a new store invites to create the first product', async () => {
    const c = new TestClient(t.app);
    await c.login();
    const page = await c.get('/admin');
    assert.match(page.body, /Sell your first product/);
    assert.match(page.body, /No orders yet/);
    // The checklist lists what is missing for real sales; nothing is done in a fresh test store.
    assert.match(page.body, /Before you sell for real/);
    for (const step of [
      'Publish a product',
      'Fill in the Impressum',
      'Save your tax settings',
      'Connect Stripe in live mode',
    ]) {
      assert.match(page.body, new RegExp(`${step}</a> <span class="visually-hidden">\\(to do\\)`), step);
    }
  });

  test('revenue counts paid orders net of refunds, in integer minor units', async () => {
    const { db } = t.services.database;
    const a = await seedPurchase(t.services, { email: 'a@example.com' });
    const b = await seedPurchase(t.services, { email: 'b@example.com' });
    await seedPurchase(t.services, { email: 'c@example.com', status: 'pending' });
    await db
      .updateTable('orders')
      .set({ total_minor: 1999, paid_at: new Date().toISOString() })
      .where('id', '=', a.orderId)
      .execute();
    await db
      .updateTable('orders')
      .set({ total_minor: 1001, refunded_minor: 1001, status: 'refunded', paid_at: new Date().toISOString() })
      .where('id', '=', b.orderId)
      .execute();
    const data = await loadDashboard(db, 'EUR', 'outbox');
    assert.equal(data.revenue30dMinor, 1999);
    assert.equal(data.orders30d, 2);
    assert.equal(data.recentOrders.length, 3);
    const c = new TestClient(t.app);
    await c.login();
    const page = await c.get('/admin');
    assert.match(page.body, /€19\.99/);
    assert.match(page.body, /Publish a product<\/a> <span class="visually-hidden">\(done\)/);
  });
});
