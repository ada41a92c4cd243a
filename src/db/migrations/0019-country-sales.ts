import type { Kysely } from 'kysely';

/**
 * Sales per buyer's country for the leverage dashboard: sums per store-local
 * day, billing country and currency, kept like daily_sales. `country` is the
 * order's billing country as it was when paid; 'ZZ' (ISO 3166's code for an
 * unknown region, never a billing country) holds orders without one, from
 * before checkout asked. The ledger remembers the country each order is
 * counted under (null: counted before this table existed, so its refunds are
 * left out here until a recount fills the table from the orders).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('daily_country_sales')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('gross_minor', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('refunded_minor', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('tax_minor', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('refunded_tax_minor', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('orders', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('refunds', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('daily_country_sales_pk', ['day', 'country', 'currency'])
    .execute();
  await db.schema.alterTable('analytics_orders').addColumn('counted_country', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('analytics_orders').dropColumn('counted_country').execute();
  await db.schema.dropTable('daily_country_sales').execute();
}
