import { type Kysely, sql } from 'kysely';

/**
 * A withdrawal declared on the public form (order number + email) waits for
 * the buyer's click in the confirmation email before its refund and the end of
 * access: `confirmed_at` is when that happened (or, for declarations made with
 * the order's own link, the time of receipt). The time of receipt stays what
 * counts for the period. Earlier withdrawals were carried out at once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('withdrawals').addColumn('confirmed_at', 'text').execute();
  await sql`UPDATE withdrawals SET confirmed_at = received_at`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('withdrawals').dropColumn('confirmed_at').execute();
}
