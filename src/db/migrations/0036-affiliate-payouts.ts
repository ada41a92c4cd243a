import { type Kysely, sql } from 'kysely';

/**
 * Affiliate payouts: one row per payout with its self-billed credit note
 * (a snapshot, never recomputed) and the SEPA files that carried them. The
 * programme's settings (minimum, the store's own account) are settings keys.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('affiliate_payout_batches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('message_id', 'text', (c) => c.notNull().unique())
    .addColumn('payout_count', 'integer', (c) => c.notNull())
    .addColumn('total_minor', 'integer', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('execution_date', 'text', (c) => c.notNull())
    .addColumn('file', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('affiliate_payouts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('affiliate_id', 'text', (c) => c.notNull().references('affiliates.id'))
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('amount_minor', 'integer', (c) => c.notNull())
    .addColumn('net_minor', 'integer', (c) => c.notNull())
    .addColumn('vat_minor', 'integer', (c) => c.notNull())
    .addColumn('vat_rate_bp', 'integer', (c) => c.notNull())
    .addColumn('vat_scheme', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('sepa_batch_id', 'text', (c) => c.references('affiliate_payout_batches.id'))
    .addColumn('credit_note_number', 'text', (c) => c.notNull().unique())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('paid_at', 'text')
    .addColumn('paid_by', 'text')
    .addCheckConstraint('affiliate_payouts_status', sql`status in ('open', 'paid')`)
    .addCheckConstraint('affiliate_payouts_amounts', sql`net_minor > 0 and amount_minor = net_minor + vat_minor`)
    .execute();
  // One payout per affiliate, month and currency: the run is idempotent by this key.
  await db.schema
    .createIndex('affiliate_payouts_once')
    .on('affiliate_payouts')
    .columns(['affiliate_id', 'period', 'currency'])
    .unique()
    .execute();
  await db.schema
    .createIndex('affiliate_payouts_affiliate')
    .on('affiliate_payouts')
    .columns(['affiliate_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('affiliate_payouts_status')
    .on('affiliate_payouts')
    .columns(['status', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('affiliate_payouts').ifExists().execute();
  await db.schema.dropTable('affiliate_payout_batches').ifExists().execute();
}
