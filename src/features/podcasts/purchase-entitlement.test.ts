import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Order } from '../../db/schema.js';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { latestOrder } from '../checkout/testing.js';
import { showAccess } from './access.js';
import { seedShow } from './library-seed.testing.js';
import { podcastPurchaseEntitlement } from './purchase-entitlement.js';

/** A show bought through the checkout: heard after payment, not after a refund or a lost dispute, again after a won one. */
describe('podcasts: the purchase entitlement', () => {
  let t: TestApp;
  let admin: TestClient;
  let showId: string;
  const db = () => t.services.database.db;
  const BUYER = 'Listener@Example.com';

  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    admin = new TestClient(t.app);
    await admin.login();
    ({ showId } = await seedShow(t.services, { title: 'Soil stories' }));
  });
  after(() => t.close());

  async function buy(email: string): Promise<Order> {
    const c = new TestClient(t.app);
    const res = await c.postForm(
      '/checkout',
      { productId: showId, digitalConsent: '1', email },
      { formPage: `/checkout?product=${showId}` },
    );
    assert.equal(res.statusCode, 303, res.body.slice(0, 400));
    const payUrl = String(res.headers.location);
    await c.postForm(payUrl, { outcome: 'pay' }, { formPage: payUrl });
    await t.drainJobs();
    return latestOrder(t.services);
  }
  const hears = async () =>
    (await showAccess(db(), { product_id: showId, tier_ids: '[]' }, BUYER, new Date())).listener;
  const purchases = () => db().selectFrom('podcast_purchases').selectAll().where('show_id', '=', showId).execute();
  const feedVersion = async () =>
    (
      await db()
        .selectFrom('podcast_shows')
        .select('feed_version')
        .where('product_id', '=', showId)
        .executeTakeFirstOrThrow()
    ).feed_version;
  const orderRow = (id: string) => db().selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  test('paying grants one purchase under the lower-cased address; a rerun grants nothing more', async () => {
    assert.equal(await hears(), false);
    const before = await feedVersion();
    const order = await buy(BUYER);
    assert.equal(order.status, 'paid');
    const rows = await purchases();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.email, 'listener@example.com');
    assert.equal(rows[0]!.order_id, order.id);
    assert.equal(await hears(), true);
    assert.ok((await feedVersion()) > before, 'the feed moves on');
    const items = await db().selectFrom('order_items').selectAll().where('order_id', '=', order.id).execute();
    const again = await db()
      .transaction()
      .execute((trx) => podcastPurchaseEntitlement.grant(trx, { order, items, downloadLimit: null }));
    assert.equal(again, 0);
    assert.equal((await purchases()).length, 1);
  });

  test('the receipt links the subscribe page and says which address to sign in with', async () => {
    const order = await latestOrder(t.services);
    const links = await podcastPurchaseEntitlement.receiptLinks!(db(), {
      order,
      publicUrl: 'https://shop.example/',
      locale: 'de',
    });
    assert.equal(links.length, 1);
    assert.equal(links[0]!.label, 'Soil stories');
    assert.equal(links[0]!.url, `https://shop.example/library/podcasts/${showId}`);
    assert.match(links[0]!.note ?? '', /Melden Sie sich mit listener@example\.com/i);
  });

  test('a dispute revokes, a won dispute restores, a refund revokes again', async () => {
    const order = await latestOrder(t.services);
    const dispute = { id: 'dp_podcast', status: 'open' as const, amountMinor: order.total_minor, reason: 'fraudulent' };
    await db()
      .transaction()
      .execute((trx) => t.services.orders.markDisputed(trx, order, 'test', dispute));
    assert.equal(await hears(), false, 'a dispute ends access');
    assert.ok((await purchases())[0]!.revoked_at);

    const disputed = await orderRow(order.id);
    await db()
      .transaction()
      .execute((trx) => t.services.orders.markDisputeWon(trx, disputed, 'test', { ...dispute, status: 'won' }));
    assert.equal(await hears(), true, 'a won dispute gives access back');
    assert.equal((await purchases())[0]!.revoked_at, null);

    const detail = `/admin/orders/${order.id}`;
    const refund = await admin.postForm(`${detail}/refund`, { confirm: 'yes' }, { formPage: detail });
    assert.equal(refund.statusCode, 303);
    await t.drainJobs();
    assert.equal(await hears(), false, 'a refund ends access');
    const receipt = await podcastPurchaseEntitlement.receiptLinks!(db(), {
      order: await orderRow(order.id),
      publicUrl: 'https://shop.example',
      locale: 'en',
    });
    assert.deepEqual(receipt, [], 'a refunded purchase links nothing');
  });

  test('a restore gives back only what the revocation at that time took', async () => {
    const first = await latestOrder(t.services);
    const revokedAt = (await purchases())[0]!.revoked_at!;
    await db()
      .transaction()
      .execute((trx) =>
        podcastPurchaseEntitlement.restore(trx, {
          order: first,
          reason: 'dispute',
          revokedAt: '2001-01-01T00:00:00.000Z',
        }),
      );
    assert.equal((await purchases())[0]!.revoked_at, revokedAt, 'another time restores nothing');
  });

  test('buying again after a refund is a second purchase, heard again', async () => {
    const order = await buy(BUYER);
    assert.equal((await purchases()).length, 2);
    assert.equal(await hears(), true);
    assert.notEqual((await purchases()).find((p) => p.revoked_at === null)?.order_id, undefined);
    assert.equal((await purchases()).find((p) => p.revoked_at === null)?.order_id, order.id);
  });
});
