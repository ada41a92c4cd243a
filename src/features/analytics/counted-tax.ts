import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { OrderEventOf } from '../../order-core/events.js';
import { storeTimeZone } from './settings.js';
import { localDay } from './time-zone.js';

/**
 * An order's VAT changed after it was counted (its invoice was issued under
 * another decision): the daily sums move by the difference on the local day
 * it was paid, so a recount from the orders gives the same sums. An order not
 * counted yet is counted later as it is now.
 */
export async function moveCountedTax(trx: Transaction<DB>, event: OrderEventOf<'retaxed'>): Promise<void> {
  const { order, items, itemTaxMinor } = event;
  const delta = event.taxMinor - order.tax_minor;
  const counted = await trx
    .selectFrom('analytics_orders')
    .select(['order_id', 'counted_country'])
    .where('order_id', '=', order.id)
    .executeTakeFirst();
  if (!counted || !order.paid_at) return;
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
      .set({ tax_minor: sql`tax_minor + ${(itemTaxMinor[n] ?? 0) - item.tax_minor}` })
      .where('day', '=', day)
      .where('product_id', '=', item.product_id)
      .where('currency', '=', order.currency)
      .execute();
}
