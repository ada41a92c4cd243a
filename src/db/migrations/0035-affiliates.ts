import { type Kysely, sql } from 'kysely';

/**
 * Affiliates: the creator's partners, their per-product commissions, the
 * attribution of orders, clicks per day, the append-only commission ledger and
 * the partner portal's sessions.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('affiliates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('applied'))
    .addColumn('commission_kind', 'text', (c) => c.notNull().defaultTo('percent'))
    .addColumn('commission_percent_bp', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('commission_fixed_minor', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('cookie_days', 'integer', (c) => c.notNull().defaultTo(30))
    .addColumn('website', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('approved_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    // Tax details, printed on credit notes and SEPA files.
    .addColumn('legal_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('street', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('postcode', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('city', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('country', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('vat_id', 'text')
    .addColumn('tax_number', 'text')
    .addColumn('vat_status', 'text', (c) => c.notNull().defaultTo('not_liable'))
    .addColumn('iban', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('bic', 'text')
    .addColumn('account_holder', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('tax_details_at', 'text')
    .addCheckConstraint('affiliates_status', sql`status in ('applied', 'approved', 'rejected', 'suspended')`)
    .addCheckConstraint('affiliates_commission_kind', sql`commission_kind in ('percent', 'fixed')`)
    .addCheckConstraint('affiliates_vat_status', sql`vat_status in ('small_business', 'regular', 'not_liable')`)
    .execute();

  await db.schema
    .createTable('affiliate_product_commissions')
    .addColumn('affiliate_id', 'text', (c) => c.notNull().references('affiliates.id').onDelete('cascade'))
    .addColumn('product_id', 'text', (c) => c.notNull())
    .addColumn('commission_kind', 'text', (c) => c.notNull())
    .addColumn('commission_percent_bp', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('commission_fixed_minor', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('affiliate_product_commissions_pk', ['affiliate_id', 'product_id'])
    .addCheckConstraint('affiliate_product_commissions_kind', sql`commission_kind in ('percent', 'fixed')`)
    .execute();

  // A discount code that belongs to an affiliate attributes the orders that use it.
  await db.schema
    .createTable('affiliate_coupons')
    .addColumn('discount_code_id', 'text', (c) => c.primaryKey())
    .addColumn('affiliate_id', 'text', (c) => c.notNull().references('affiliates.id').onDelete('cascade'))
    .execute();

  await db.schema
    .createTable('order_attributions')
    .addColumn('order_id', 'text', (c) => c.primaryKey())
    .addColumn('affiliate_id', 'text', (c) => c.notNull().references('affiliates.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('order_attributions_source', sql`source in ('link', 'cookie', 'coupon')`)
    .execute();
  await db.schema.createIndex('order_attributions_affiliate').on('order_attributions').column('affiliate_id').execute();

  // Counts only: no IP, no user agent, nothing about the visitor.
  await db.schema
    .createTable('affiliate_clicks')
    .addColumn('affiliate_id', 'text', (c) => c.notNull().references('affiliates.id').onDelete('cascade'))
    .addColumn('product_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('clicks', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('affiliate_clicks_pk', ['affiliate_id', 'product_id', 'day'])
    .execute();

  await db.schema
    .createTable('affiliate_commission_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('affiliate_id', 'text', (c) => c.notNull().references('affiliates.id'))
    .addColumn('order_id', 'text')
    .addColumn('order_item_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('cause', 'text', (c) => c.notNull())
    .addColumn('amount_minor', 'integer', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('available_at', 'text')
    .addColumn('payout_id', 'text')
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint(
      'affiliate_commission_entries_kind',
      sql`kind in ('pending', 'approved', 'reversed', 'paid', 'clawed_back')`,
    )
    .execute();
  // Exactly once per order line, kind and cause (a repeated order event appends nothing).
  await db.schema
    .createIndex('affiliate_commission_entries_once')
    .on('affiliate_commission_entries')
    .columns(['order_item_id', 'kind', 'cause'])
    .unique()
    .execute();
  // One 'paid' entry per payout, affiliate and currency.
  await db.schema
    .createIndex('affiliate_commission_entries_payout')
    .on('affiliate_commission_entries')
    .columns(['payout_id', 'affiliate_id', 'currency'])
    .unique()
    .execute();
  await db.schema
    .createIndex('affiliate_commission_entries_affiliate')
    .on('affiliate_commission_entries')
    .columns(['affiliate_id', 'currency', 'created_at'])
    .execute();

  await db.schema
    .createTable('affiliate_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('affiliate_id', 'text', (c) => c.notNull().references('affiliates.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'affiliate_sessions',
    'affiliate_commission_entries',
    'affiliate_clicks',
    'order_attributions',
    'affiliate_coupons',
    'affiliate_product_commissions',
    'affiliates',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
