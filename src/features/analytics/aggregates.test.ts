import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { buildTestApp, setUpStore, type TestApp } from '../../testing/app.js';
import { writeSetting } from '../settings/store-settings.js';
import { rebuildSalesAggregates } from './rebuild-aggregates.js';
import { syncOrderAnalytics } from './record-sale.js';
import { countrySales, dailySales, productSales, seedOrder, seedProduct, taxSums } from './testing.js';
import { localDay } from './time-zone.js';

async function findOrder(db: Kysely<DB> | Transaction<DB>, id: string) {
  return db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** What the aggregates must equal: sums straight over the orders, by store-local day. */
async function directSums(db: Kysely<DB>, timeZone: string) {
  const orders = await db.selectFrom('orders').selectAll().where('paid_at', 'is not', null).execute();
  const days = new Map<string, { gross: number; refunded: number; orders: number }>();
  const at = (d: string) => {
    const v = days.get(d) ?? { gross: 0, refunded: 0, orders: 0 };
    days.set(d, v);
    return v;
  };
  for (const o of orders) {
    const paid = at(localDay(o.paid_at ?? '', timeZone));
    paid.gross += o.total_minor;
    paid.orders += 1;
    if (o.refunded_minor > 0) at(localDay(o.refunded_at ?? o.updated_at, timeZone)).refunded += o.refunded_minor;
  }
  return [...days].sort(([a], [b]) => a.localeCompare(b)).map(([day, v]) => ({ day, ...v }));
}

describe('daily sales aggregates', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
  });
  after(() => t.close());

  test('paying and refunding through the order transitions keeps the aggregates equal to a SUM over orders', async () => {
    const { db } = t.services.database;
    await db.deleteFrom('daily_sales').execute();
    const product = await seedProduct(db);
    const ids: string[] = [];
    for (const total of [2500, 1999, 4000])
      ids.push(await seedOrder(db, product, { totalMinor: total, email: 'same@example.com' }));
    const [a, b, c] = ids as [string, string, string];
    await db.transaction().execute(async (trx) => {
      for (const id of ids) assert.ok(await t.services.orders.markPaid(trx, await findOrder(trx, id), {}));
    });
    // A second notification changes nothing.
    await db.transaction().execute(async (trx) => syncOrderAnalytics(trx, a));
    await db.transaction().execute(async (trx) => {
      assert.ok(await t.services.orders.recordPartialRefund(trx, await findOrder(trx, b), 500, {}));
    });
    await db.transaction().execute(async (trx) => {
      assert.ok(await t.services.orders.markRefunded(trx, await findOrder(trx, b), {}));
      assert.ok(await t.services.orders.markRefunded(trx, await findOrder(trx, c), {}));
    });
    const sums = await directSums(db, 'Europe/Berlin');
    const agg = await dailySales(db);
    assert.deepEqual(
      agg.map((r) => ({ day: r.day, gross: r.gross, refunded: r.refunded, orders: r.orders })),
      sums,
    );
    assert.equal(
      agg.reduce((x, r) => x + r.gross, 0),
      8499,
    );
    assert.equal(
      agg.reduce((x, r) => x + r.refunded, 0),
      5999,
    );
    assert.equal(
      agg.reduce((x, r) => x + r.refunds, 0),
      2,
    );
    assert.equal(
      agg.reduce((x, r) => x + r.newCustomers, 0),
      1,
    );
    const ps = await productSales(db);
    assert.equal(
      ps.reduce((x, r) => x + r.refunded, 0),
      5999,
    );
    assert.equal(
      ps.reduce((x, r) => x + r.units, 0),
      3,
    );
  });

  test('VAT of sales and refunds: refunds return VAT in proportion, repeats add nothing, the recount agrees', async () => {
    const { db } = t.services.database;
    for (const table of ['daily_sales', 'daily_product_sales', 'daily_country_sales', 'analytics_orders'] as const)
      await db.deleteFrom(table).execute();
    await db.deleteFrom('orders').execute();
    const product = await seedProduct(db);
    // 12.00 gross with 20 % VAT (2.00) to Austria, and 11.90 with 19 % (1.90) to Germany.
    const a = await seedOrder(db, product, { totalMinor: 1200, taxMinor: 200, billingCountry: 'AT' });
    const b = await seedOrder(db, product, { totalMinor: 1190, taxMinor: 190, billingCountry: 'DE' });
    await db.transaction().execute(async (trx) => {
      for (const id of [a, b]) assert.ok(await t.services.orders.markPaid(trx, await findOrder(trx, id), {}));
    });
    await db.transaction().execute(async (trx) => {
      assert.ok(await t.services.orders.recordPartialRefund(trx, await findOrder(trx, a), 300, {}));
    });
    await db.transaction().execute(async (trx) => syncOrderAnalytics(trx, a));
    await db.transaction().execute(async (trx) => {
      assert.ok(await t.services.orders.markRefunded(trx, await findOrder(trx, b), {}));
    });
    const live = await taxSums(db);
    const total = (rows: (string | number)[][], i: number) => rows.reduce((x, r) => x + Number(r[i]), 0);
    assert.deepEqual([total(live.days, 1), total(live.days, 2)], [390, 50 + 190]);
    assert.deepEqual([total(live.products, 1), total(live.products, 2)], [390, 240]);
    const countries = await countrySales(db);
    const vatOf = (c: string) => countries.filter((r) => r[1] === c).map((r) => [r[5], r[6]]);
    assert.deepEqual(vatOf('AT'), [[200, 50]]); // 3.00 of 12.00 refunded: a quarter of the VAT
    assert.deepEqual(vatOf('DE'), [[190, 190]]);
    await rebuildSalesAggregates(db, t.services.database.dialect);
    assert.deepEqual(await taxSums(db), live);
    assert.deepEqual(await countrySales(db), countries);
  });

  test('a sale at 23:30 UTC on 31 March counts for 1 April in Berlin; its refund on the later day it happened', async () => {
    const { db } = t.services.database;
    await db.deleteFrom('daily_sales').execute();
    await db.deleteFrom('daily_product_sales').execute();
    const product = await seedProduct(db);
    const id = await seedOrder(db, product, { totalMinor: 3000 });
    const paidAt = '2026-03-31T23:30:00.000Z';
    await db
      .updateTable('orders')
      .set({ status: 'paid', paid_at: paidAt, updated_at: paidAt })
      .where('id', '=', id)
      .execute();
    await db.transaction().execute((trx) => syncOrderAnalytics(trx, id));
    const partialAt = new Date('2026-04-02T21:30:00.000Z'); // 23:30 in Berlin, still 2 April
    await db
      .updateTable('orders')
      .set({ refunded_minor: 1000, updated_at: partialAt.toISOString() })
      .where('id', '=', id)
      .execute();
    await db.transaction().execute((trx) => syncOrderAnalytics(trx, id, partialAt));
    await db.transaction().execute((trx) => syncOrderAnalytics(trx, id, partialAt)); // repeated: counted once
    const fullAt = '2026-04-05T22:30:00.000Z'; // 00:30 on 6 April in Berlin
    await db
      .updateTable('orders')
      .set({ status: 'refunded', refunded_minor: 3000, refunded_at: fullAt, updated_at: fullAt })
      .where('id', '=', id)
      .execute();
    await db.transaction().execute((trx) => syncOrderAnalytics(trx, id));
    const rows = (await dailySales(db)).map((r) => [r.day, r.gross, r.refunded, r.orders, r.refunds]);
    assert.deepEqual(rows, [
      ['2026-04-01', 3000, 0, 1, 0],
      ['2026-04-02', 0, 1000, 0, 1],
      ['2026-04-06', 0, 2000, 0, 0],
    ]);
    const before = { sales: await dailySales(db), products: await productSales(db) };
    // The recount from orders gives the same figures (the partial refund's day is its last update).
    await db.deleteFrom('orders').where('id', '<>', id).execute();
    await db
      .updateTable('orders')
      .set({ refunded_minor: 1000, status: 'paid', refunded_at: null, updated_at: partialAt.toISOString() })
      .where('id', '=', id)
      .execute();
    await rebuildSalesAggregates(db, t.services.database.dialect);
    assert.deepEqual(
      (await dailySales(db)).map((r) => [r.day, r.gross, r.refunded]),
      [
        ['2026-04-01', 3000, 0],
        ['2026-04-02', 0, 1000],
      ],
    );
    assert.ok(before.products.length > 0);
  });

  test('the recount groups by local day in any zone (New York, with DST) exactly like the runtime does', async () => {
    const { db } = t.services.database;
    await db.deleteFrom('orders').execute();
    await writeSetting(db, 'store.timezone', 'America/New_York');
    const product = await seedProduct(db, { currency: 'USD' });
    let seed = 7;
    const rand = () => {
      seed = (seed * 48271) % 2147483647;
      return seed;
    };
    for (let i = 0; i < 120; i++) {
      const id = await seedOrder(db, product, { totalMinor: 100 + (rand() % 5000), currency: 'USD' });
      const paid = new Date(Date.UTC(2025, 0, 1) + (rand() % (700 * 24 * 60)) * 60_000).toISOString();
      const refunded = i % 5 === 0 ? new Date(new Date(paid).getTime() + (rand() % 3000) * 60_000).toISOString() : null;
      await db
        .updateTable('orders')
        .set({
          status: refunded ? 'refunded' : 'paid',
          paid_at: paid,
          refunded_at: refunded,
          updated_at: refunded ?? paid,
          refunded_minor: refunded ? sql<number>`total_minor` : 0,
        })
        .where('id', '=', id)
        .execute();
    }
    await rebuildSalesAggregates(db, t.services.database.dialect);
    const agg = (await dailySales(db)).map((r) => ({
      day: r.day,
      gross: r.gross,
      refunded: r.refunded,
      orders: r.orders,
    }));
    assert.deepEqual(agg, await directSums(db, 'America/New_York'));
    await writeSetting(db, 'store.timezone', 'Europe/Berlin');
  });
});
