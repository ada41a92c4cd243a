import type { Kysely } from 'kysely';

/**
 * MRR and churn for the leverage dashboard: a per-subscription ledger of what
 * the daily flows already hold (start and end day, price, interval), the flows
 * per store-local day and currency, an index to find subscriptions changed
 * since the last sync, so the dashboard never scans all subscriptions, and
 * indexes for the membership figures of now.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('analytics_subscriptions')
    .addColumn('subscription_id', 'text', (c) => c.primaryKey())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('interval', 'text', (c) => c.notNull())
    .addColumn('price_minor', 'bigint', (c) => c.notNull())
    .addColumn('start_day', 'text')
    .addColumn('end_day', 'text')
    .execute();

  await db.schema
    .createTable('daily_subscription_flows')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('start_monthly_minor', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('start_yearly_minor', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('starts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('end_monthly_minor', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('end_yearly_minor', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('ends', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('daily_subscription_flows_pk', ['day', 'currency'])
    .execute();

  await db.schema.createIndex('subscriptions_updated').on('subscriptions').column('updated_at').execute();
  // The membership figures now (admin dashboard and leverage dashboard): paying subscriptions read from
  // the index alone, free members probe (member, status, access) without the table, churn by end time.
  await db.schema
    .createIndex('subscriptions_paying')
    .on('subscriptions')
    .columns(['status', 'access_until', 'currency', 'interval', 'price_minor', 'member_id'])
    .execute();
  await db.schema
    .createIndex('subscriptions_member_access')
    .on('subscriptions')
    .columns(['member_id', 'status', 'access_until'])
    .execute();
  await db.schema.createIndex('subscriptions_ended').on('subscriptions').columns(['status', 'ended_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const name of ['subscriptions_ended', 'subscriptions_member_access', 'subscriptions_paying']) {
    await db.schema.dropIndex(name).execute();
  }
  await db.schema.dropIndex('subscriptions_updated').execute();
  await db.schema.dropTable('daily_subscription_flows').execute();
  await db.schema.dropTable('analytics_subscriptions').execute();
}
