import type { Kysely } from 'kysely';

/**
 * When a subscription billed through the creator's own Stripe account was
 * adopted from an import: Stripe's invoices from before that moment were the
 * old platform's sales, kept as billing history without orders or receipts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('subscriptions').addColumn('adopted_at', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('subscriptions').dropColumn('adopted_at').execute();
}
