import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { buildTestApp, setUpStore, type TestApp } from '../../testing/app.js';
import { translator } from '../../web/messages.js';
import { savePaymentDetails } from '../payments/payment-details.js';
import type { ProviderPaymentDetails } from '../payments/provider.js';
import { loadAnalytics } from './dashboard-data.js';
import { rebuildSalesAggregates } from './rebuild-aggregates.js';
import { syncOrderAnalytics } from './record-sale.js';
import { buildReport } from './report.js';
import { countrySales, seedOrder, seedProduct } from './testing.js';

async function findOrder(db: Kysely<DB> | Transaction<DB>, id: string) {
  return db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

const fee = (amountMinor: number, currency = 'EUR'): ProviderPaymentDetails => ({
  fee: { amountMinor, currency, netMinor: 0 },
});

describe('payment fees in the daily aggregates', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
  });
  after(() => t.close());

  const db = () => t.services.database.db;
  const days = async () =>
    (await db().selectFrom('daily_sales').selectAll().orderBy('day').orderBy('currency').execute()).map((r) => [
      r.day,
      r.currency,
      Number(r.gross_minor),
      Number(r.refunded_minor),
      Number(r.fee_minor),
      Number(r.orders),
      Number(r.fee_orders),
      Number(r.foreign_fee_orders),
    ]);
  const products = async () =>
    (await db().selectFrom('daily_product_sales').selectAll().orderBy('day').orderBy('product_id').execute()).map(
      (r) => [r.day, r.product_id, r.currency, Number(r.gross_minor), Number(r.fee_minor)],
    );
  const ledger = async () =>
    (await db().selectFrom('analytics_orders').selectAll().orderBy('order_id').execute()).map((r) => [
      r.order_id,
      r.counted_fee_minor === null ? null : Number(r.counted_fee_minor),
      r.counted_fee_currency,
      r.counted_country,
    ]);
  /** Details as apply-payment-state stores them, then the aggregates brought up to date. */
  const report = (orderId: string, details: ProviderPaymentDetails) =>
    db()
      .transaction()
      .execute(async (trx) => {
        const filled = await savePaymentDetails(trx, orderId, 'stripe', details);
        await syncOrderAnalytics(trx, orderId);
        return filled;
      });

  test('fees sum exactly in minor units, once, on the day of the sale; the recount gives the same rows', async () => {
    const tables = [
      'daily_sales',
      'daily_product_sales',
      'daily_country_sales',
      'analytics_orders',
      'analytics_customers',
    ] as const;
    for (const table of tables) await db().deleteFrom(table).execute();
    await db().deleteFrom('orders').execute();
    const p1 = await seedProduct(db(), { title: 'Guide' });
    const p2 = await seedProduct(db(), { title: 'Templates' });
    // Two items of 1,000 and 999: a fee of 55 splits into floor shares 27 and 27.
    const twoItems = await seedOrder(db(), p1, { totalMinor: 1999 });
    await db()
      .updateTable('order_items')
      .set({ total_minor: 1000, unit_price_minor: 1000 })
      .where('order_id', '=', twoItems)
      .execute();
    await db()
      .insertInto('order_items')
      .values({
        id: randomUUID(),
        order_id: twoItems,
        product_id: p2,
        title: 'Templates',
        unit_price_minor: 999,
        total_minor: 999,
        tax_minor: 0,
      })
      .execute();
    const early = await seedOrder(db(), p1, { totalMinor: 2500 }); // fee known before payment
    const late = await seedOrder(db(), p2, { totalMinor: 4000 }); // fee arrives after the sale was counted
    const foreign = await seedOrder(db(), p1, { totalMinor: 3000 }); // fee in USD
    const unknown = await seedOrder(db(), p1, { totalMinor: 1500 }); // fee never known
    const free = await seedOrder(db(), p2, { totalMinor: 0 }); // nothing to charge

    await db()
      .transaction()
      .execute(async (trx) => {
        await savePaymentDetails(trx, early, 'stripe', { ...fee(63), cardCountry: 'DE' });
      });
    await db()
      .transaction()
      .execute(async (trx) => {
        for (const id of [twoItems, early, late, foreign, unknown, free])
          assert.ok(await t.services.orders.markPaid(trx, await findOrder(trx, id), {}));
      });
    assert.equal(await report(twoItems, fee(55)), true);
    assert.equal(await report(late, { cardCountry: 'AT' }), true, 'the country alone, fee not booked yet');
    assert.equal(await report(late, { ...fee(85), cardCountry: 'FR' }), true, 'the fee fills; the country stays AT');
    assert.equal(await report(foreign, fee(77, 'USD')), true);
    // A full refund does not give the fee back: it stays counted on the sale's day.
    await db()
      .transaction()
      .execute(async (trx) => {
        assert.ok(await t.services.orders.markRefunded(trx, await findOrder(trx, late), {}));
      });

    const state = async () => ({
      days: await days(),
      products: await products(),
      countries: await countrySales(db()),
      ledger: await ledger(),
    });
    const incremental = await state();
    const [row] = incremental.days;
    assert.equal(incremental.days.length, 1);
    // gross 1999+2500+4000+3000+1500+0, fees 55+63+85 (EUR only), refunded 4000
    assert.deepEqual(row?.slice(1), ['EUR', 12999, 4000, 203, 6, 4, 1]);
    const byProduct = new Map(incremental.products.map((r) => [r[1], r[4]]));
    assert.equal(byProduct.get(p1), 27 + 63, 'Guide: its share of the two-item fee and the early fee');
    assert.equal(byProduct.get(p2), 27 + 85, 'Templates: its share and the late fee');
    const details = await db()
      .selectFrom('order_payment_details')
      .select(['card_country', 'fee_minor'])
      .where('order_id', '=', late)
      .executeTakeFirstOrThrow();
    assert.deepEqual([details.card_country, Number(details.fee_minor)], ['AT', 85]);

    // Repeated reports and syncs add nothing; a different fee for a known one is not taken.
    assert.equal(await report(early, fee(63)), false);
    assert.equal(await report(late, fee(99)), false);
    assert.equal(await report(foreign, fee(77, 'USD')), false);
    for (const id of [twoItems, early, late, foreign, unknown, free])
      await db()
        .transaction()
        .execute((trx) => syncOrderAnalytics(trx, id));
    assert.deepEqual(await state(), incremental);

    // The recount from orders gives exactly the same rows and ledger.
    await rebuildSalesAggregates(db(), t.services.database.dialect);
    assert.deepEqual(await state(), incremental);

    // The dashboard: fees, net after fees, and the orders still counted before fees.
    const data = await loadAnalytics(db(), { currency: 'EUR', range: '30' });
    const r = buildReport(data, data.period, translator('en'), 'en');
    assert.equal(r.totals.fees, 203);
    assert.equal(r.totals.netAfterFees, r.totals.netOfVat - 203);
    assert.equal(r.totals.netOfVat, 12999 - 4000);
    assert.deepEqual([r.totals.ordersWithoutFee, r.totals.foreignFeeOrders, r.ordersWithoutFee], [2, 1, 2]);
  });
});
