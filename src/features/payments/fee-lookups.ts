import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isoIn, isoNow } from '../../db/time.js';
import { enqueueJob } from '../../jobs/queue.js';
import { syncOrderPaymentJob } from './job-contracts.js';

const MINUTE = 60_000;
/** How often a missing fee is asked for at most, how far apart, and for how long after the order. */
export const FEE_LOOKUP_LIMIT = 8;
export const FEE_LOOKUP_GAP_MINUTES = 60;
const FEE_WINDOW_DAYS = 7;
/** Orders looked at per run, newest first; the rest wait for the next run. */
const BATCH = 100;

/**
 * Paid orders whose fee is still unknown: Stripe books a charge's balance
 * transaction shortly after the payment (asynchronous capture, debits on
 * their way), and a membership invoice's order is made without reading its
 * charge. Each is asked about again at most once an hour, at most
 * FEE_LOOKUP_LIMIT times, within a week of the order; after that it stays
 * "before fees" in the analytics.
 */
export async function ordersMissingFees(db: Kysely<DB>): Promise<string[]> {
  const rows = await db
    .selectFrom('orders as o')
    .leftJoin('order_payment_details as d', 'd.order_id', 'o.id')
    .select('o.id')
    .where('o.created_at', '>', isoIn(-FEE_WINDOW_DAYS * 24 * 60 * MINUTE))
    .where('o.paid_at', 'is not', null)
    .where('o.provider', '<>', 'free')
    .where('o.provider_ref', 'is not', null)
    .where('o.total_minor', '>', 0)
    .where('d.fee_minor', 'is', null)
    .where((eb) => eb.or([eb('d.fee_lookups', 'is', null), eb('d.fee_lookups', '<', FEE_LOOKUP_LIMIT)]))
    .where((eb) =>
      eb.or([eb('d.fee_looked_at', 'is', null), eb('d.fee_looked_at', '<', isoIn(-FEE_LOOKUP_GAP_MINUTES * MINUTE))]),
    )
    .orderBy('o.created_at', 'desc')
    .limit(BATCH)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Called by `payments.reconcile` for its time slot: counts one lookup per
 * order (that is what bounds them) and enqueues its `payment.sync-order`,
 * keyed by order and slot, so a rerun of the slot adds no second job.
 */
export async function enqueueFeeLookups(db: Kysely<DB>, slot: string): Promise<number> {
  const ids = await ordersMissingFees(db);
  if (ids.length === 0) return 0;
  await db.transaction().execute(async (trx) => {
    const now = isoNow();
    for (const orderId of ids) {
      await sql`
        INSERT INTO order_payment_details (order_id, provider, fee_lookups, fee_looked_at, created_at, updated_at)
        SELECT id, provider, 1, ${now}, ${now}, ${now} FROM orders WHERE id = ${orderId}
        ON CONFLICT (order_id) DO UPDATE SET fee_lookups = order_payment_details.fee_lookups + 1, fee_looked_at = ${now}`.execute(
        trx,
      );
      await enqueueJob(trx, syncOrderPaymentJob, { orderId, reason: 'fees' }, { uniqueKey: `fees:${orderId}:${slot}` });
    }
  });
  return ids.length;
}
