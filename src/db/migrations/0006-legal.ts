import type { Kysely } from 'kysely';

/**
 * Consumer law and privacy: the buyer's consents stored with each order, withdrawals
 * (§ 356a BGB), editable legal pages, privacy requests (export, erasure), the
 * retention locks on an erased customer's orders, and per-product legal flags (FernUSG).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('order_consents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('text_version', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('given_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('order_consents_order_kind', ['order_id', 'kind'])
    .execute();

  await db.schema
    .createTable('withdrawals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().unique().references('orders.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('refund', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('withdrawals_received').on('withdrawals').column('received_at').execute();

  await db.schema
    .createTable('legal_pages')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('body_md', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('legal_pages_pk', ['kind', 'locale'])
    .execute();

  await db.schema
    .createTable('privacy_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('handled_at', 'text')
    .addColumn('handled_by', 'text')
    .execute();
  await db.schema.createIndex('privacy_requests_requested').on('privacy_requests').column('requested_at').execute();

  await db.schema
    .createTable('retention_locks')
    .addColumn('order_id', 'text', (c) => c.primaryKey().references('orders.id').onDelete('cascade'))
    .addColumn('keep_until', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('locked_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('retention_locks_until').on('retention_locks').column('keep_until').execute();

  await db.schema
    .createTable('product_legal')
    .addColumn('product_id', 'text', (c) => c.primaryKey().references('products.id').onDelete('cascade'))
    .addColumn('distance_learning', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('fernusg_licence', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'product_legal',
    'retention_locks',
    'privacy_requests',
    'legal_pages',
    'withdrawals',
    'order_consents',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
