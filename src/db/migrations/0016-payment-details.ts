import type { Kysely } from 'kysely';

/**
 * What the payment provider says about a paid order beyond its status: the
 * card's country (one more piece of location evidence) and the provider's
 * fee, in the currency it was charged in (Stripe: the balance's settlement
 * currency), with the payout net of it. Fee lookups are counted, so a fee
 * that stays unknown is asked for a bounded number of times. The daily
 * aggregates and their per-order ledger gain the fees, and the test
 * provider's sessions the card country the tester picked.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('order_payment_details')
    .addColumn('order_id', 'text', (c) => c.primaryKey().references('orders.id').onDelete('cascade'))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('card_country', 'text')
    .addColumn('fee_minor', 'bigint')
    .addColumn('fee_currency', 'text')
    .addColumn('net_minor', 'bigint')
    .addColumn('balance_ref', 'text')
    .addColumn('fee_lookups', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('fee_looked_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema.alterTable('test_payment_sessions').addColumn('card_country', 'text').execute();

  // Fees count on the day of the sale; only a fee in the order's currency is summed (see record-sale.ts).
  await db.schema
    .alterTable('daily_sales')
    .addColumn('fee_minor', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('daily_sales')
    .addColumn('fee_orders', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('daily_sales')
    .addColumn('foreign_fee_orders', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('daily_product_sales')
    .addColumn('fee_minor', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('analytics_orders').addColumn('counted_fee_minor', 'bigint').execute();
  await db.schema.alterTable('analytics_orders').addColumn('counted_fee_currency', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('analytics_orders').dropColumn('counted_fee_currency').execute();
  await db.schema.alterTable('analytics_orders').dropColumn('counted_fee_minor').execute();
  await db.schema.alterTable('daily_product_sales').dropColumn('fee_minor').execute();
  for (const c of ['foreign_fee_orders', 'fee_orders', 'fee_minor'])
    await db.schema.alterTable('daily_sales').dropColumn(c).execute();
  await db.schema.alterTable('test_payment_sessions').dropColumn('card_country').execute();
  await db.schema.dropTable('order_payment_details').execute();
}
