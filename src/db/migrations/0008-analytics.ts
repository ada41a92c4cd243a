import type { Kysely } from 'kysely';

/**
 * Leverage analytics: daily aggregates kept as orders are paid and refunded
 * (the dashboard reads these, never raw orders), a per-order ledger that makes
 * the upkeep idempotent, cookie-free view counts, and the creator's own records
 * of work (per product and 1:1) and time off.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('analytics_orders')
    .addColumn('order_id', 'text', (c) => c.primaryKey())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('counted_gross_minor', 'bigint', (c) => c.notNull())
    .addColumn('counted_refunded_minor', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('analytics_customers')
    .addColumn('customer_id', 'text', (c) => c.primaryKey())
    .addColumn('first_paid_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('daily_sales')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('gross_minor', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('refunded_minor', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('orders', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('refunds', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('new_customers', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('daily_sales_pk', ['day', 'currency'])
    .execute();

  await db.schema
    .createTable('daily_product_sales')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('product_id', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('gross_minor', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('refunded_minor', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('orders', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('units', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('daily_product_sales_pk', ['day', 'product_id', 'currency'])
    .execute();
  await db.schema
    .createIndex('daily_product_sales_product')
    .on('daily_product_sales')
    .columns(['product_id', 'day'])
    .execute();

  await db.schema
    .createTable('daily_views')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('product_id', 'text', (c) => c.notNull())
    .addColumn('referrer', 'text', (c) => c.notNull())
    .addColumn('campaign', 'text', (c) => c.notNull())
    .addColumn('visitors', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('daily_views_pk', ['day', 'product_id', 'referrer', 'campaign'])
    .execute();

  await db.schema
    .createTable('daily_checkouts')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('product_id', 'text', (c) => c.notNull())
    .addColumn('started', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('daily_checkouts_pk', ['day', 'product_id'])
    .execute();

  // Today's salted visitor hashes only (for de-duplication); emptied when the salt rotates.
  await db.schema
    .createTable('analytics_seen')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('visitor', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('product_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('analytics_seen_pk', ['day', 'visitor', 'kind', 'product_id'])
    .execute();

  await db.schema
    .createTable('effort_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id').onDelete('cascade'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('minutes', 'integer', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('effort_entries_product').on('effort_entries').columns(['product_id', 'day']).execute();
  await db.schema.createIndex('effort_entries_day').on('effort_entries').column('day').execute();

  await db.schema
    .createTable('client_work')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('minutes', 'integer', (c) => c.notNull())
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('client_work_day').on('client_work').column('day').execute();

  await db.schema
    .createTable('leave_periods')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('start_day', 'text', (c) => c.notNull())
    .addColumn('end_day', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'leave_periods',
    'client_work',
    'effort_entries',
    'analytics_seen',
    'daily_checkouts',
    'daily_views',
    'daily_product_sales',
    'daily_sales',
    'analytics_customers',
    'analytics_orders',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
