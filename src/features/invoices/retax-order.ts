import { sql, type Transaction } from 'kysely';
import type { DB, Order } from '../../db/schema.js';
import { storeTimeZone } from '../analytics/settings.js';
import { localDay } from '../analytics/time-zone.js';
import { recordOrderEvent } from '../checkout/order-events.js';
import type { InvoiceDraft } from './model.js';

type Item = { id: string; product_id: string; tax_minor: number };

/**
 * Brings an order in line with the decision its invoice was issued with, when
 * a turnover limit crossed meanwhile changed it (see issue-invoice.ts): the
 * order's tax columns, each item's VAT, a timeline entry, and the VAT in the
 * daily analytics if the sale is already counted there (the recount from
 * orders then gives the same sums). Runs inside the invoice's transaction.
 */
export async function retaxOrder(
  trx: Transaction<DB>,
  order: Order,
  draft: InvoiceDraft,
  items: readonly Item[],
): Promise<void> {
  const group = draft.breakdown.find((g) => g.scheme === draft.scheme && g.taxCountry === draft.taxCountry);
  await trx
    .updateTable('orders')
    .set({
      tax_mode: draft.mode,
      tax_scheme: draft.scheme,
      tax_country: draft.taxCountry,
      tax_rate_bp: group?.rateBp ?? 0,
      tax_minor: draft.taxMinor,
    })
    .where('id', '=', order.id)
    .execute();
  const itemTax = draft.lines.map((l) => l.grossMinor - l.netMinor);
  for (const [n, item] of items.entries())
    await trx
      .updateTable('order_items')
      .set({ tax_minor: itemTax[n] ?? 0 })
      .where('id', '=', item.id)
      .execute();
  await recordOrderEvent(trx, order.id, 'tax_changed', {
    from: order.tax_scheme ?? '',
    to: draft.scheme,
    taxMinor: draft.taxMinor,
  });
  await moveCountedTax(trx, order, draft.taxMinor - order.tax_minor, items, itemTax);
}

/** The sale's VAT in the daily sums, where it was counted (the local day it was paid, and its country). */
async function moveCountedTax(
  trx: Transaction<DB>,
  order: Order,
  delta: number,
  items: readonly Item[],
  itemTax: readonly number[],
) {
  const counted = await trx
    .selectFrom('analytics_orders')
    .select(['order_id', 'counted_country'])
    .where('order_id', '=', order.id)
    .executeTakeFirst();
  if (!counted || !order.paid_at) return; // counted later, from the order as it is now
  const day = localDay(order.paid_at, await storeTimeZone(trx));
  await trx
    .updateTable('daily_sales')
    .set({ tax_minor: sql`tax_minor + ${delta}` })
    .where('day', '=', day)
    .where('currency', '=', order.currency)
    .execute();
  if (counted.counted_country !== null)
    await trx
      .updateTable('daily_country_sales')
      .set({ tax_minor: sql`tax_minor + ${delta}` })
      .where('day', '=', day)
      .where('country', '=', counted.counted_country)
      .where('currency', '=', order.currency)
      .execute();
  for (const [n, item] of items.entries())
    await trx
      .updateTable('daily_product_sales')
      .set({ tax_minor: sql`tax_minor + ${(itemTax[n] ?? 0) - item.tax_minor}` })
      .where('day', '=', day)
      .where('product_id', '=', item.product_id)
      .where('currency', '=', order.currency)
      .execute();
}
