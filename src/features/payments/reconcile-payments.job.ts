import type { Db } from '../../db/schema.js';
import { isoIn } from '../../db/time.js';
import { handleJob } from '../../jobs/define.js';
import { enqueueJob } from '../../jobs/queue.js';
import { enqueueSubscriptionReconciliation } from '../memberships/reconcile-subscriptions.js';
import { enqueueFeeLookups } from './fee-lookups.js';
import { reconcilePaymentsJob, syncOrderPaymentJob } from './job-contracts.js';

const MINUTE = 60_000;
/** Orders looked at per run, newest first; the rest wait for the next run. */
const BATCH = 200;
/** Delayed methods (SEPA debit) settle within days: once a day, orders of the last two weeks are looked at too. */
const SWEEP_MINUTES = 14 * 24 * 60;

/** Time slots of `everyMinutes`; one job per slot, so there is only ever one chain however often it is started. */
export function reconcileSlot(at: Date, everyMinutes: number): { key: string; start: Date } {
  const size = everyMinutes * MINUTE;
  const start = new Date(Math.floor(at.getTime() / size) * size);
  return { key: `payments.reconcile:${start.toISOString()}`, start };
}

/**
 * A lost webhook never loses a sale: every few minutes, orders still pending
 * (or expired) after RECONCILE_AFTER_MINUTES are looked up at their provider,
 * each in its own sync job, so one that fails is retried on its own. Every
 * run covers checkouts that can still be paid (up to an hour past their
 * expiry); the first run of each UTC day also those of the last two weeks,
 * whose delayed payment may have settled since. Paid orders whose fee is
 * not known yet are looked up too, a bounded number of times.
 */
export const reconcilePaymentsHandler = handleJob(reconcilePaymentsJob, async ({ slot }, { db, services, log }) => {
  const every = services.config.reconcileAfterMinutes;
  // The next run first, so a failure of this one does not break the chain. After downtime the next
  // slot is the current one: one catch-up run, not one per missed slot.
  const next = Math.max(Date.parse(slot) + every * MINUTE, Date.now());
  await scheduleReconciliation(db, every, new Date(next));
  const sweep = Date.parse(slot) % (24 * 60 * MINUTE) < every * MINUTE;
  const window = sweep ? SWEEP_MINUTES : services.config.orderExpiryMinutes + 60;
  const orderIds = await ordersToReconcile(db, every, window);
  for (const orderId of orderIds) {
    await enqueueJob(db, syncOrderPaymentJob, { orderId }, { uniqueKey: `sync:${orderId}:${slot}` });
  }
  // Stripe subscriptions (memberships) a lost webhook left behind are re-read the same way.
  const subscriptions = await enqueueSubscriptionReconciliation(db, every, slot);
  // Paid orders whose fee the provider had not booked yet are asked again (bounded: fee-lookups.ts).
  const fees = await enqueueFeeLookups(db, slot);
  if (orderIds.length || subscriptions || fees) {
    log.info({ orders: orderIds.length, subscriptions, fees }, 'pending payments looked up at their provider');
    services.nudgeWorker();
  }
});

/** Unpaid (pending or expired) orders placed between `windowMinutes` and `afterMinutes` ago, newest first. */
export async function ordersToReconcile(db: Db, afterMinutes: number, windowMinutes: number): Promise<string[]> {
  const rows = await db
    .selectFrom('orders')
    .select('id')
    .where('status', 'in', ['pending', 'expired'])
    .where('provider', '<>', 'free')
    .where('provider_ref', 'is not', null)
    .where('created_at', '<', isoIn(-afterMinutes * MINUTE))
    .where('created_at', '>', isoIn(-windowMinutes * MINUTE))
    .orderBy('created_at', 'desc')
    .limit(BATCH)
    .execute();
  return rows.map((r) => r.id);
}

/** Called at server start and by each run for the next slot; a no-op when that slot is scheduled already. */
export async function scheduleReconciliation(db: Db, everyMinutes: number, at: Date = new Date()): Promise<void> {
  const slot = reconcileSlot(at, everyMinutes);
  const runAt = new Date(Math.max(slot.start.getTime(), Date.now()));
  await enqueueJob(db, reconcilePaymentsJob, { slot: slot.start.toISOString() }, { uniqueKey: slot.key, runAt });
}
