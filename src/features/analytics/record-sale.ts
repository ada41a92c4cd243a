import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { addCountryDay, countryOfSale } from './country-sales.js';
import { storeTimeZone } from './settings.js';
import { localDay } from './time-zone.js';

type Trx = Transaction<DB>;

/**
 * A share of an order's refunds: floor(part × refunded ÷ total), the same rule
 * the rebuild uses; for an item's amount, or for VAT (which a refund returns in
 * proportion); also an item's share of the payment fee.
 */
function itemRefund(itemMinor: number, refundedMinor: number, totalMinor: number): number {
  return totalMinor > 0 ? Math.floor((itemMinor * refundedMinor) / totalMinor) : 0;
}

async function addDay(
  trx: Trx,
  day: string,
  currency: string,
  add: {
    gross?: number;
    refunded?: number;
    tax?: number;
    refundedTax?: number;
    orders?: number;
    refunds?: number;
    newCustomers?: number;
    fee?: number;
    feeOrders?: number;
    foreignFeeOrders?: number;
  },
) {
  const v = {
    gross_minor: add.gross ?? 0,
    refunded_minor: add.refunded ?? 0,
    tax_minor: add.tax ?? 0,
    refunded_tax_minor: add.refundedTax ?? 0,
    orders: add.orders ?? 0,
    refunds: add.refunds ?? 0,
    new_customers: add.newCustomers ?? 0,
    fee_minor: add.fee ?? 0,
    fee_orders: add.feeOrders ?? 0,
    foreign_fee_orders: add.foreignFeeOrders ?? 0,
  };
  await trx
    .insertInto('daily_sales')
    .values({ day, currency, ...v })
    .onConflict((oc) =>
      oc.columns(['day', 'currency']).doUpdateSet({
        gross_minor: sql`daily_sales.gross_minor + ${v.gross_minor}`,
        refunded_minor: sql`daily_sales.refunded_minor + ${v.refunded_minor}`,
        tax_minor: sql`daily_sales.tax_minor + ${v.tax_minor}`,
        refunded_tax_minor: sql`daily_sales.refunded_tax_minor + ${v.refunded_tax_minor}`,
        orders: sql`daily_sales.orders + ${v.orders}`,
        refunds: sql`daily_sales.refunds + ${v.refunds}`,
        new_customers: sql`daily_sales.new_customers + ${v.new_customers}`,
        fee_minor: sql`daily_sales.fee_minor + ${v.fee_minor}`,
        fee_orders: sql`daily_sales.fee_orders + ${v.fee_orders}`,
        foreign_fee_orders: sql`daily_sales.foreign_fee_orders + ${v.foreign_fee_orders}`,
      }),
    )
    .execute();
}

async function addProductDay(
  trx: Trx,
  day: string,
  productId: string,
  currency: string,
  add: {
    gross?: number;
    refunded?: number;
    tax?: number;
    refundedTax?: number;
    orders?: number;
    units?: number;
    fee?: number;
  },
) {
  const v = {
    gross_minor: add.gross ?? 0,
    refunded_minor: add.refunded ?? 0,
    tax_minor: add.tax ?? 0,
    refunded_tax_minor: add.refundedTax ?? 0,
    orders: add.orders ?? 0,
    units: add.units ?? 0,
    fee_minor: add.fee ?? 0,
  };
  await trx
    .insertInto('daily_product_sales')
    .values({ day, product_id: productId, currency, ...v })
    .onConflict((oc) =>
      oc.columns(['day', 'product_id', 'currency']).doUpdateSet({
        gross_minor: sql`daily_product_sales.gross_minor + ${v.gross_minor}`,
        refunded_minor: sql`daily_product_sales.refunded_minor + ${v.refunded_minor}`,
        tax_minor: sql`daily_product_sales.tax_minor + ${v.tax_minor}`,
        refunded_tax_minor: sql`daily_product_sales.refunded_tax_minor + ${v.refunded_tax_minor}`,
        orders: sql`daily_product_sales.orders + ${v.orders}`,
        units: sql`daily_product_sales.units + ${v.units}`,
        fee_minor: sql`daily_product_sales.fee_minor + ${v.fee_minor}`,
      }),
    )
    .execute();
}

type Item = { product_id: string; total_minor: number; tax_minor: number; quantity: number };
type PaidOrder = { id: string; currency: string; total_minor: number; paid_at: string };

/**
 * The order's payment fee once known: as the provider reported it, or none
 * at all for an order of nothing (a free order has no payment to charge).
 */
async function knownFee(trx: Trx, order: PaidOrder): Promise<{ minor: number; currency: string } | undefined> {
  if (order.total_minor === 0) return { minor: 0, currency: order.currency };
  const d = await trx
    .selectFrom('order_payment_details')
    .select(['fee_minor', 'fee_currency'])
    .where('order_id', '=', order.id)
    .executeTakeFirst();
  if (d?.fee_minor === null || d?.fee_minor === undefined || !d.fee_currency) return undefined;
  return { minor: Number(d.fee_minor), currency: d.fee_currency };
}

/**
 * Counts the payment fee once, on the day of the sale (it is charged with the
 * payment and not given back by refunds). Only a fee in the order's currency
 * is summed; one charged in another currency (Stripe's settlement currency)
 * is counted as such and subtracted nowhere, since converting it would need
 * a rate we do not keep. The ledger's guarded UPDATE makes a rerun add nothing.
 */
async function countFee(trx: Trx, order: PaidOrder, items: Item[], timeZone: string): Promise<void> {
  const fee = await knownFee(trx, order);
  if (!fee) return;
  const moved = await trx
    .updateTable('analytics_orders')
    .set({ counted_fee_minor: fee.minor, counted_fee_currency: fee.currency })
    .where('order_id', '=', order.id)
    .where('counted_fee_minor', 'is', null)
    .executeTakeFirst();
  if (Number(moved.numUpdatedRows) !== 1) return;
  const day = localDay(order.paid_at, timeZone);
  if (fee.currency !== order.currency) {
    await addDay(trx, day, order.currency, { foreignFeeOrders: 1 });
    return;
  }
  await addDay(trx, day, order.currency, { fee: fee.minor, feeOrders: 1 });
  for (const it of items) {
    const share = itemRefund(it.total_minor, fee.minor, order.total_minor);
    if (share > 0) await addProductDay(trx, day, it.product_id, order.currency, { fee: share });
  }
}

/**
 * Brings the daily aggregates up to date with one order, inside the
 * transaction that paid or refunded it. Convergent: the ledger row says what
 * is already counted, guarded updates add only the difference, so calling it
 * twice (or after a partial and then a full refund) counts everything once.
 * A sale counts on the store-local day it was paid, a refund on the day it
 * happened; per country under the billing country the ledger took at payment.
 */
export async function syncOrderAnalytics(trx: Trx, orderId: string, now: Date = new Date()): Promise<void> {
  const order = await trx
    .selectFrom('orders')
    .select([
      'id',
      'customer_id',
      'currency',
      'total_minor',
      'tax_minor',
      'refunded_minor',
      'paid_at',
      'refunded_at',
      'billing_country',
    ])
    .where('id', '=', orderId)
    .executeTakeFirst();
  if (!order?.paid_at) return;
  const timeZone = await storeTimeZone(trx);
  const items = await trx
    .selectFrom('order_items')
    .select(['product_id', 'total_minor', 'tax_minor', 'quantity'])
    .where('order_id', '=', orderId)
    .execute();

  const country = countryOfSale(order.billing_country);
  const inserted = await trx
    .insertInto('analytics_orders')
    .values({
      order_id: orderId,
      currency: order.currency,
      counted_gross_minor: order.total_minor,
      counted_refunded_minor: 0,
      counted_country: country,
    })
    .onConflict((oc) => oc.column('order_id').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) {
    const day = localDay(order.paid_at, timeZone);
    const first = await trx
      .insertInto('analytics_customers')
      .values({ customer_id: order.customer_id, first_paid_at: order.paid_at })
      .onConflict((oc) => oc.column('customer_id').doNothing())
      .executeTakeFirst();
    const newCustomers = Number(first.numInsertedOrUpdatedRows ?? 0);
    await addDay(trx, day, order.currency, { gross: order.total_minor, tax: order.tax_minor, orders: 1, newCustomers });
    await addCountryDay(trx, day, country, order.currency, {
      gross: order.total_minor,
      tax: order.tax_minor,
      orders: 1,
    });
    for (const it of items) {
      await addProductDay(trx, day, it.product_id, order.currency, {
        gross: it.total_minor,
        tax: it.tax_minor,
        orders: 1,
        units: it.quantity,
      });
    }
  }

  await countFee(trx, { ...order, paid_at: order.paid_at }, items, timeZone);

  const ledger = await trx
    .selectFrom('analytics_orders')
    .select(['counted_refunded_minor', 'counted_country'])
    .where('order_id', '=', orderId)
    .executeTakeFirstOrThrow();
  const before = Number(ledger.counted_refunded_minor);
  const after = order.refunded_minor;
  if (after <= before) return;
  const moved = await trx
    .updateTable('analytics_orders')
    .set({ counted_refunded_minor: after })
    .where('order_id', '=', orderId)
    .where('counted_refunded_minor', '=', before)
    .executeTakeFirst();
  if (Number(moved.numUpdatedRows) !== 1) return;
  // A full refund carries its own time; a partial one is counted when it is reported.
  const day = localDay(after >= order.total_minor && order.refunded_at ? order.refunded_at : now, timeZone);
  const refundedTax =
    itemRefund(order.tax_minor, after, order.total_minor) - itemRefund(order.tax_minor, before, order.total_minor);
  const refund = { refunded: after - before, refundedTax, refunds: before === 0 ? 1 : 0 };
  await addDay(trx, day, order.currency, refund);
  // Under the sale's country; a sale counted before the country sums existed has none there to refund.
  if (ledger.counted_country !== null) await addCountryDay(trx, day, ledger.counted_country, order.currency, refund);
  for (const it of items) {
    const delta =
      itemRefund(it.total_minor, after, order.total_minor) - itemRefund(it.total_minor, before, order.total_minor);
    const taxDelta =
      itemRefund(it.tax_minor, after, order.total_minor) - itemRefund(it.tax_minor, before, order.total_minor);
    if (delta > 0 || taxDelta > 0)
      await addProductDay(trx, day, it.product_id, order.currency, { refunded: delta, refundedTax: taxDelta });
  }
}
