import type { Kysely } from 'kysely';

/**
 * Disputes (chargebacks) of orders, one per order: the provider's latest word
 * on it and when access was revoked for it, so a dispute won restores exactly
 * what it took away. Plus an index for the reconciliation of pending orders,
 * and the test provider's refunds (so a repeated refund request refunds once).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('order_disputes')
    .addColumn('order_id', 'text', (c) => c.primaryKey().references('orders.id').onDelete('cascade'))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('dispute_ref', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('amount_minor', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('access_revoked_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('orders_status_created').on('orders').columns(['status', 'created_at']).execute();
  // The test provider remembers its refunds by id (derived from the idempotency key), as a real provider does.
  await db.schema
    .createTable('test_payment_refunds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('amount_minor', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('test_payment_refunds').execute();
  await db.schema.dropIndex('orders_status_created').execute();
  await db.schema.dropTable('order_disputes').execute();
}
