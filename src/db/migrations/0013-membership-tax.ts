import type { Kysely } from 'kysely';

/**
 * The buyer's VAT inputs on a subscription, taken at subscribe: every period's
 * order (the first and each renewal) decides its VAT from them with the rates
 * valid on its own date. The location evidence and VIES check of subscribe
 * stay with it, as they are the evidence for every period.
 */
const COLUMNS = ['billing_country', 'buyer_vat_id', 'billing_address', 'vies_check_id', 'tax_evidence'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const name of COLUMNS) await db.schema.alterTable('subscriptions').addColumn(name, 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const name of [...COLUMNS].reverse()) await db.schema.alterTable('subscriptions').dropColumn(name).execute();
}
