import type { Kysely } from 'kysely';

/**
 * The tax decision made at checkout, kept with the order (what invoices and
 * analytics use): VAT included in the gross total per order and per line,
 * scheme, country and rate, the buyer's country, VAT ID and VIES check, the
 * location evidence and an optional billing address. Daily aggregates get the
 * VAT of sales and of refunds, so revenue net of VAT needs no raw orders.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const orderColumns = [
    ['tax_scheme', 'text'],
    ['tax_mode', 'text'],
    ['tax_country', 'text'],
    ['tax_rate_bp', 'integer'],
    ['billing_country', 'text'],
    ['buyer_vat_id', 'text'],
    ['vies_check_id', 'text'],
    ['tax_evidence', 'text'],
    ['billing_address', 'text'],
  ] as const;
  await db.schema
    .alterTable('orders')
    .addColumn('tax_minor', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  for (const [name, type] of orderColumns) await db.schema.alterTable('orders').addColumn(name, type).execute();
  await db.schema
    .alterTable('order_items')
    .addColumn('tax_minor', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  for (const table of ['daily_sales', 'daily_product_sales']) {
    await db.schema
      .alterTable(table)
      .addColumn('tax_minor', 'bigint', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .alterTable(table)
      .addColumn('refunded_tax_minor', 'bigint', (c) => c.notNull().defaultTo(0))
      .execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['daily_sales', 'daily_product_sales']) {
    await db.schema.alterTable(table).dropColumn('refunded_tax_minor').execute();
    await db.schema.alterTable(table).dropColumn('tax_minor').execute();
  }
  await db.schema.alterTable('order_items').dropColumn('tax_minor').execute();
  for (const name of [
    'billing_address',
    'tax_evidence',
    'vies_check_id',
    'buyer_vat_id',
    'billing_country',
    'tax_rate_bp',
    'tax_country',
    'tax_mode',
    'tax_scheme',
    'tax_minor',
  ]) {
    await db.schema.alterTable('orders').dropColumn(name).execute();
  }
}
