import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/** The subscription whose first period this order pays, if any. */
export async function subscriptionOfOrder(db: Kysely<DB>, orderId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('subscription_payments')
    .select('subscription_id')
    .where('order_id', '=', orderId)
    .executeTakeFirst();
  return row?.subscription_id;
}

/**
 * TEST MODE: what the test provider's "card" answers to this subscription's
 * renewal charges, chosen on the test payment page ("pay now, decline
 * renewals") or by tests. Only test-provider subscriptions have a test card.
 */
export async function setTestRenewals(db: Kysely<DB>, subscriptionId: string, outcome: 'pay' | 'decline') {
  await db
    .updateTable('subscriptions')
    .set({ test_renewals: outcome })
    .where('id', '=', subscriptionId)
    .where('provider', '=', 'test')
    .execute();
}
