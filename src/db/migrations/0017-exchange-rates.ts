import type { Kysely } from 'kysely';

/**
 * ECB euro reference rates (1 EUR = `rate` units of `currency`), one row per
 * currency and publication day, stored as the exact decimal text the ECB
 * publishes: OSS returns convert at them (Art. 369h (2) VAT Directive).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('exchange_rates')
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('rate', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('exchange_rates_pk', ['currency', 'date'])
    .execute();
  // "Was this publication day imported at all?" (any currency on a date).
  await db.schema.createIndex('exchange_rates_date').on('exchange_rates').column('date').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('exchange_rates').execute();
}
