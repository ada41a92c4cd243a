import type { Kysely } from 'kysely';

/**
 * Membership billing: a tier or interval change waiting for the next renewal,
 * the Stripe customer, the test provider's renewal outcome (its "card"), one
 * billing-history row per provider invoice, and the § 312k BGB cancellation
 * requests as they were received.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const columns = [
    ['pending_tier_id', 'text'],
    ['pending_interval', 'text'],
    ['provider_customer', 'text'],
    ['checkout_ref', 'text'],
  ] as const;
  for (const [name, type] of columns) await db.schema.alterTable('subscriptions').addColumn(name, type).execute();
  await db.schema
    .alterTable('subscriptions')
    .addColumn('test_renewals', 'text', (c) => c.notNull().defaultTo('pay'))
    .execute();
  await db.schema
    .createIndex('subscriptions_period_end')
    .on('subscriptions')
    .columns(['status', 'current_period_end'])
    .execute();
  await db.schema
    .createIndex('subscription_payments_provider_ref')
    .on('subscription_payments')
    .column('provider_ref')
    .unique()
    .execute();
  await db.schema.createIndex('subscription_payments_order').on('subscription_payments').column('order_id').execute();

  await db.schema
    .createTable('cancellation_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('member_id', 'text', (c) => c.references('members.id').onDelete('set null'))
    .addColumn('subscription_ref', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('requested_end', 'text')
    .addColumn('subscriptions_canceled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('cancellation_requests_email')
    .on('cancellation_requests')
    .columns(['email', 'received_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('cancellation_requests').execute();
  await db.schema.dropIndex('subscription_payments_order').execute();
  await db.schema.dropIndex('subscription_payments_provider_ref').execute();
  await db.schema.dropIndex('subscriptions_period_end').execute();
  for (const name of ['test_renewals', 'checkout_ref', 'provider_customer', 'pending_interval', 'pending_tier_id']) {
    await db.schema.alterTable('subscriptions').dropColumn(name).execute();
  }
}
