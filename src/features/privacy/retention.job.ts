import { isoNow } from '../../db/time.js';
import { handleJob } from '../../jobs/define.js';
import { enqueueJob } from '../../jobs/queue.js';
import { deleteOrder } from '../../order-core/orders.js';
import { retentionSweepJob } from './job-contracts.js';

const DAY_MS = 24 * 3600 * 1000;

/**
 * Daily: orders of erased customers whose retention period has ended are
 * deleted (their items, deliveries, events and consents go with them by
 * cascade). Each run schedules the next while locked orders remain.
 */
export const retentionSweepHandler = handleJob(retentionSweepJob, async (_payload, { db, log }) => {
  const due = await db.selectFrom('retention_locks').select('order_id').where('keep_until', '<=', isoNow()).execute();
  let deleted = 0;
  for (const { order_id } of due) {
    try {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('retention_locks').where('order_id', '=', order_id).execute();
        // The billing history keeps its period and amount; only the link to the deleted order goes.
        await trx
          .updateTable('subscription_payments')
          .set({ order_id: null })
          .where('order_id', '=', order_id)
          .execute();
        await deleteOrder(trx, order_id);
      });
      deleted++;
    } catch (err) {
      // A record another feature still holds (e.g. an invoice without cascade) stays until it lets go.
      log.warn({ err, orderId: order_id }, 'retention: order not deleted');
    }
  }
  log.info({ deleted }, 'retention sweep done');
  const left = await db.selectFrom('retention_locks').select('order_id').limit(1).executeTakeFirst();
  if (left) await scheduleRetentionSweep(db, new Date(Date.now() + DAY_MS));
});

/** One run per day at most (unique key per date); a no-op when already scheduled. */
export async function scheduleRetentionSweep(
  db: Parameters<typeof enqueueJob>[0],
  day: Date = new Date(),
): Promise<void> {
  await enqueueJob(db, retentionSweepJob, {}, { uniqueKey: `retention:${day.toISOString().slice(0, 10)}`, runAt: day });
}
