import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, test } from 'node:test';
import type { Order } from '../../db/schema.js';
import { buildTestApp, setUpStore, type TestApp } from '../../testing/app.js';
import { syncOrderAnalytics } from '../analytics/record-sale.js';
import { seedPurchase } from '../delivery/testing.js';
import { insertRates } from '../exchange-rates/rates.js';
import { localDate } from '../tax/countries.js';
import { saveTaxSettings, type TaxSettings } from '../tax/tax-settings.js';
import { testTaxSettings } from '../tax/testing.js';
import { decideLines } from './decide-lines.js';
import { dependsOnLimit, issueInvoiceRecord } from './issue-invoice.js';

const SETTINGS: TaxSettings = testTaxSettings({ mode: 'small_business', vatId: '' });

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

type Decision = { mode: string; scheme: string; country: string | null; rateBp: number };

/** A paid order of `totalMinor` whose checkout stored `decision` (what the counters said without the lock). */
async function paidOrder(app: TestApp, productId: string, customerId: string, totalMinor: number, d: Decision) {
  const db = app.services.database.db;
  const id = randomUUID();
  const now = new Date().toISOString();
  await db
    .insertInto('orders')
    .values({
      id,
      number: `L-${id.slice(0, 8)}`,
      customer_id: customerId,
      email: 'buyer@example.com',
      locale: 'de',
      status: 'paid',
      currency: 'EUR',
      subtotal_minor: totalMinor,
      total_minor: totalMinor,
      provider: 'test',
      provider_ref: null,
      discount_code_id: null,
      access_key: randomUUID(),
      created_at: now,
      updated_at: now,
      paid_at: now,
      refunded_at: null,
      tax_mode: d.mode,
      tax_scheme: d.scheme,
      tax_country: d.country,
      tax_rate_bp: d.rateBp,
      tax_minor: 0,
      billing_country: d.country ?? 'DE',
    })
    .execute();
  await db
    .insertInto('order_items')
    .values({
      id: randomUUID(),
      order_id: id,
      product_id: productId,
      title: 'Letter',
      unit_price_minor: totalMinor,
      total_minor: totalMinor,
    })
    .execute();
  return db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function setUp(settings: Partial<TaxSettings> = {}) {
  t = await buildTestApp();
  await setUpStore(t.services);
  await saveTaxSettings(t.services.database.db, { ...SETTINGS, ...settings });
  const p = await seedPurchase(t.services);
  const customer = await t.services.database.db
    .selectFrom('customers')
    .select('id')
    .where('email', '=', p.email)
    .executeTakeFirstOrThrow();
  return { app: t, productId: p.productId, customerId: customer.id };
}

describe('turnover limits at invoicing', () => {
  test('two sales decided under the § 19 limit at once: the one that crosses it is taxed', async () => {
    const { app, productId, customerId } = await setUp();
    const db = app.services.database.db;
    const smallBusiness = { mode: 'small_business', scheme: 'small_business', country: null, rateBp: 0 };
    const first = await paidOrder(app, productId, customerId, 99_970_00, smallBusiness);
    await issueInvoiceRecord(db, { orders: app.services.orders, order: first, settings: SETTINGS });
    // Both checkouts saw 99,970 EUR and stayed exempt; together they pass 100,000 EUR.
    const a = await paidOrder(app, productId, customerId, 2000, smallBusiness);
    const b = await paidOrder(app, productId, customerId, 2000, smallBusiness);
    for (const o of [a, b]) await db.transaction().execute((trx) => syncOrderAnalytics(trx, o.id));
    const issued = await Promise.all(
      [a, b].map((order) => issueInvoiceRecord(db, { orders: app.services.orders, order, settings: SETTINGS })),
    );
    const bySeq = [...issued].sort((x, y) => x.sequence - y.sequence);
    assert.deepEqual(
      bySeq.map((i) => [i.mode, i.scheme, i.tax_minor]),
      [
        ['small_business', 'small_business', 0],
        ['regular', 'domestic', 319],
      ],
    );
    const taxed = bySeq[1]?.order_id as string;
    const order = await db.selectFrom('orders').selectAll().where('id', '=', taxed).executeTakeFirstOrThrow();
    assert.deepEqual(
      [order.tax_mode, order.tax_scheme, order.tax_country, order.tax_rate_bp, order.tax_minor],
      ['regular', 'domestic', 'DE', 1900, 319],
    );
    const item = await db
      .selectFrom('order_items')
      .select('tax_minor')
      .where('order_id', '=', taxed)
      .executeTakeFirst();
    assert.equal(item?.tax_minor, 319);
    const events = await db.selectFrom('order_events').select('kind').where('order_id', '=', taxed).execute();
    assert.deepEqual(
      events.map((e) => e.kind),
      ['tax_changed'],
    );
    // The day's VAT in analytics follows the order (both were counted before invoicing).
    const day = await db.selectFrom('daily_sales').select(['tax_minor', 'orders']).executeTakeFirstOrThrow();
    assert.deepEqual([Number(day.tax_minor), Number(day.orders)], [319, 2]);
    const country = await db.selectFrom('daily_country_sales').selectAll().executeTakeFirstOrThrow();
    assert.deepEqual([country.country, Number(country.tax_minor), Number(country.orders)], ['DE', 319, 2]);
    // Issuing again changes nothing.
    const again = await issueInvoiceRecord(db, {
      orders: app.services.orders,
      order: order as Order,
      settings: SETTINGS,
    });
    assert.equal(again.id, bySeq[1]?.id);
    const eventsAfter = await db.selectFrom('order_events').select('kind').where('order_id', '=', taxed).execute();
    assert.equal(eventsAfter.length, 1);
  });

  test('two consumer sales to Austria under the 10,000 EUR EU limit at once: the crossing one is OSS', async () => {
    const { app, productId, customerId } = await setUp({ mode: 'regular', vatId: 'DE136695976' });
    const db = app.services.database.db;
    const settings = { ...SETTINGS, mode: 'regular' as const, vatId: 'DE136695976' };
    const domestic = { mode: 'regular', scheme: 'domestic', country: 'DE', rateBp: 1900 };
    const earlier = await paidOrder(app, productId, customerId, 11_882_15, domestic);
    const toAustria = async (o: Order) => {
      await db.updateTable('orders').set({ billing_country: 'AT' }).where('id', '=', o.id).execute();
      return db.selectFrom('orders').selectAll().where('id', '=', o.id).executeTakeFirstOrThrow();
    };
    // 11,882.15 gross at 19 % is 9,985.00 net of cross-border consumer sales: room for one more 10.00 net.
    await issueInvoiceRecord(db, { orders: app.services.orders, order: await toAustria(earlier), settings });
    const a = await toAustria(await paidOrder(app, productId, customerId, 1190, domestic));
    const b = await toAustria(await paidOrder(app, productId, customerId, 1190, domestic));
    const issued = await Promise.all(
      [a, b].map((order) => issueInvoiceRecord(db, { orders: app.services.orders, order, settings })),
    );
    const bySeq = [...issued].sort((x, y) => x.sequence - y.sequence);
    assert.deepEqual(
      bySeq.map((i) => [i.scheme, i.tax_country]),
      [
        ['domestic', 'DE'],
        ['oss', 'AT'],
      ],
    );
    assert.equal(bySeq[1]?.tax_minor, 198); // 11.90 gross at Austria's 20 %: 9.92 net
  });

  test('a sale in another currency counts toward the § 19 limit at the ECB rate of its day', async () => {
    const { app, productId, customerId } = await setUp();
    const db = app.services.database.db;
    const smallBusiness = { mode: 'small_business', scheme: 'small_business', country: null, rateBp: 0 };
    await issueInvoiceRecord(db, {
      orders: app.services.orders,
      order: await paidOrder(app, productId, customerId, 99_990_00, smallBusiness),
      settings: SETTINGS,
    });
    const today = localDate(new Date().toISOString(), 'DE');
    const usdSale = () =>
      decideLines(db, {
        settings: SETTINGS,
        buyer: { country: 'DE', vatId: null },
        supplyDate: today,
        currency: 'USD',
        totalMinor: 2000,
        items: [{ product_id: productId, total_minor: 2000 }],
      });
    // No rate imported: the sale adds nothing of its own, 99,990 EUR stay under the limit.
    assert.equal((await usdSale()).mode, 'small_business');
    // 1 EUR = 1.25 USD: 20.00 USD are 16.00 EUR, and 100,006 EUR cross the limit.
    await insertRates(db, [{ currency: 'USD', date: today, rate: '1.25' }], 'test', new Date().toISOString());
    assert.equal((await usdSale()).mode, 'regular');
  });

  test('only decisions a limit can overturn are checked again', () => {
    const de = { country: 'DE', vatId: null };
    const at = { country: 'AT', vatId: null };
    assert.equal(dependsOnLimit({ mode: 'small_business', scheme: 'small_business' }, de, 'DE'), true);
    assert.equal(dependsOnLimit({ mode: 'regular', scheme: 'domestic' }, de, 'DE'), false);
    assert.equal(dependsOnLimit({ mode: 'regular', scheme: 'domestic' }, at, 'DE'), true);
    assert.equal(
      dependsOnLimit({ mode: 'regular', scheme: 'domestic' }, { country: 'AT', vatId: 'ATU1' }, 'DE'),
      false,
    );
    assert.equal(dependsOnLimit({ mode: 'regular', scheme: 'domestic' }, { country: 'US', vatId: null }, 'DE'), false);
    assert.equal(dependsOnLimit({ mode: 'regular', scheme: 'oss' }, at, 'DE'), false);
  });
});
