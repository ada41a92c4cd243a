import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { emitWebhookEvent } from '../webhooks/emit.js';
import { neverStarted, nextSubscriptionState } from './subscription-rules.js';
import { findSubscription, scheduleRenewal, stateOf, writeSubscriptionState } from './subscriptions.js';

/**
 * The first period's order is paid: the subscription becomes active from now
 * for one period, and its renewal is scheduled. Called by the order's
 * fulfilment; the guarded UPDATEs make a second run (or an unrelated order)
 * a no-op.
 */
export async function activateSubscriptionForOrder(
  trx: Transaction<DB>,
  orderId: string,
  at: string = isoNow(),
): Promise<boolean> {
  const payment = await trx
    .selectFrom('subscription_payments')
    .selectAll()
    .where('order_id', '=', orderId)
    .executeTakeFirst();
  // 'failed': the first order ran out or was declined, and its payment arrived after all.
  if (payment?.status !== 'pending' && payment?.status !== 'failed') return false;
  const sub = await findSubscription(trx, payment.subscription_id);
  if (!sub || (sub.status !== 'incomplete' && !neverStarted(stateOf(sub)))) return false;
  const r = nextSubscriptionState(
    {
      status: sub.status,
      cancelAtPeriodEnd: false,
      interval: sub.interval,
      currentPeriodStart: null,
      currentPeriodEnd: null,
      accessUntil: null,
      failedPayments: 0,
      canceledAt: null,
      endedAt: null,
    },
    { type: 'first-paid', at },
  );
  if (!r.ok) return false;
  const paid = await trx
    .updateTable('subscription_payments')
    .set({
      status: 'paid',
      period_start: r.next.currentPeriodStart!,
      period_end: r.next.currentPeriodEnd!,
      attempts: 1,
      failure_reason: null,
      updated_at: isoNow(),
    })
    .where('id', '=', payment.id)
    .where('status', '=', payment.status)
    .executeTakeFirst();
  if (Number(paid.numUpdatedRows) !== 1) return false;
  if (!(await writeSubscriptionState(trx, sub, r.next))) return false;
  await scheduleRenewal(trx, sub, r.next.currentPeriodEnd!, 0, r.wakeAt!);
  await emitWebhookEvent(trx, 'member.joined', {
    source: 'subscription',
    subscription_id: sub.id,
    member_id: sub.member_id,
    tier_id: sub.tier_id,
    current_period_end: r.next.currentPeriodEnd,
  });
  return true;
}
