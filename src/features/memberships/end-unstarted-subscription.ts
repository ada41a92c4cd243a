import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { nextSubscriptionState } from './subscription-rules.js';

/**
 * The first period's order expired or was declined: its subscription, still
 * incomplete, ends (expired, never started) and the billing row says why.
 * Called from the order transitions in the same transaction; the guarded
 * UPDATEs make a repeated or unrelated call a no-op. A payment that still
 * arrives later activates it (activate-subscription.ts).
 *
 * Imports only the pure rules: the order transitions call it, so nothing here
 * may lead back to them.
 */
export async function endUnstartedSubscription(
  trx: Transaction<DB>,
  orderId: string,
  reason: string,
  at: string = isoNow(),
): Promise<boolean> {
  const payment = await trx
    .selectFrom('subscription_payments')
    .innerJoin('subscriptions', 'subscriptions.id', 'subscription_payments.subscription_id')
    .select(['subscription_payments.id', 'subscription_payments.subscription_id', 'subscriptions.status'])
    .where('subscription_payments.order_id', '=', orderId)
    .where('subscription_payments.status', '=', 'pending')
    .executeTakeFirst();
  if (payment?.status !== 'incomplete') return false;
  if (!(await endIncomplete(trx, payment.subscription_id, at))) return false;
  await trx
    .updateTable('subscription_payments')
    .set({ status: 'failed', failure_reason: reason, updated_at: at })
    .where('id', '=', payment.id)
    .where('status', '=', 'pending')
    .execute();
  return true;
}

/** incomplete → expired (never started), by the rules, with a guarded UPDATE; false if it was not incomplete. */
export async function endIncomplete(trx: Transaction<DB>, subscriptionId: string, at: string = isoNow()) {
  const r = nextSubscriptionState(
    {
      status: 'incomplete',
      cancelAtPeriodEnd: false,
      interval: 'month',
      currentPeriodStart: null,
      currentPeriodEnd: null,
      accessUntil: null,
      failedPayments: 0,
      canceledAt: null,
      endedAt: null,
    },
    { type: 'first-unpaid', at },
  );
  if (!r.ok) return false;
  const ended = await trx
    .updateTable('subscriptions')
    .set({ status: r.next.status, access_until: r.next.accessUntil, ended_at: r.next.endedAt, updated_at: at })
    .where('id', '=', subscriptionId)
    .where('status', '=', 'incomplete')
    .executeTakeFirst();
  return Number(ended.numUpdatedRows) === 1;
}
