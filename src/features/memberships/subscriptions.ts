import type { Transaction } from 'kysely';
import type { DB, Db, Subscription, SubscriptionStatus } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { enqueueJob } from '../../jobs/queue.js';
import { renewSubscriptionJob } from './job-contracts.js';
import type { SubscriptionState } from './subscription-rules.js';

/** PostgreSQL returns bigint columns as strings: numbers here, once. */
export function normaliseSubscription(s: Subscription): Subscription {
  return { ...s, price_minor: Number(s.price_minor) };
}

export async function findSubscription(db: Db, id: string): Promise<Subscription | undefined> {
  const row = await db.selectFrom('subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? normaliseSubscription(row) : undefined;
}

/** The rules' view of a stored subscription. */
export function stateOf(s: Subscription): SubscriptionState {
  return {
    status: s.status,
    cancelAtPeriodEnd: s.cancel_at_period_end === 1,
    interval: s.interval,
    currentPeriodStart: s.current_period_start,
    currentPeriodEnd: s.current_period_end,
    accessUntil: s.access_until,
    failedPayments: s.failed_payments,
    canceledAt: s.canceled_at,
    endedAt: s.ended_at,
  };
}

/** The columns a state change writes. */
export function columnsOf(next: SubscriptionState) {
  return {
    status: next.status,
    cancel_at_period_end: next.cancelAtPeriodEnd ? 1 : 0,
    current_period_start: next.currentPeriodStart,
    current_period_end: next.currentPeriodEnd,
    access_until: next.accessUntil,
    failed_payments: next.failedPayments,
    canceled_at: next.canceledAt,
    ended_at: next.endedAt,
    updated_at: isoNow(),
  };
}

/**
 * Writes `next` only if the row still is what the rules saw (status, period
 * end, failures and the cancel flag): a concurrent change makes this a no-op
 * that returns false, never a lost update.
 */
export async function writeSubscriptionState(
  trx: Transaction<DB>,
  sub: Subscription,
  next: SubscriptionState,
  extra: Partial<Pick<Subscription, 'tier_id' | 'interval' | 'price_minor'>> & {
    pending_tier_id?: string | null;
    pending_interval?: Subscription['interval'] | null;
  } = {},
): Promise<boolean> {
  let q = trx
    .updateTable('subscriptions')
    .set({ ...columnsOf(next), ...extra })
    .where('id', '=', sub.id)
    .where('status', '=', sub.status as SubscriptionStatus)
    .where('failed_payments', '=', sub.failed_payments)
    .where('cancel_at_period_end', '=', sub.cancel_at_period_end);
  q =
    sub.current_period_end === null
      ? q.where('current_period_end', 'is', null)
      : q.where('current_period_end', '=', sub.current_period_end);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The renewal job for a period end and attempt: one per key, however often it is scheduled. */
export async function scheduleRenewal(
  trx: Transaction<DB>,
  sub: Pick<Subscription, 'id' | 'provider'>,
  periodEnd: string,
  attempt: number,
  runAt: string,
): Promise<void> {
  // Stripe renews on its side and tells us by webhook; only the test provider is charged from here.
  if (sub.provider !== 'test') return;
  await enqueueJob(
    trx,
    renewSubscriptionJob,
    { subscriptionId: sub.id, attempt },
    { runAt: new Date(runAt), uniqueKey: `renew:${sub.id}:${periodEnd}:${attempt}` },
  );
}
