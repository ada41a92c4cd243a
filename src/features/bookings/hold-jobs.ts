import { isoNow } from '../../db/time.js';
import { handleJob } from '../../jobs/define.js';
import { enqueueJob } from '../../jobs/queue.js';
import type { OrderSubscriber } from '../../order-core/events.js';
import { refundOrder } from '../payments/refund-order.js';
import { bookingHoldExpiryJob, bookingSoldOutRefundJob } from './hold-job-contracts.js';
import { bookingMailJob } from './job-contracts.js';
import { bookingsOfOrder } from './queries.js';

/** A hold that has run out frees the time; a paid booking is left alone. */
export const bookingHoldExpiryHandler = handleJob(bookingHoldExpiryJob, async ({ bookingId }, { db }) => {
  const now = isoNow();
  await db
    .updateTable('bookings')
    .set({ status: 'released', hold_expires_at: null, updated_at: now })
    .where('id', '=', bookingId)
    .where('status', '=', 'held')
    .where('hold_expires_at', '<=', now)
    .execute();
});

/** Paid after the time was taken: the whole payment goes back, and the client hears why. */
export const bookingSoldOutRefundHandler = handleJob(bookingSoldOutRefundJob, async ({ orderId }, { db, services }) => {
  const result = await refundOrder(services, orderId, 'system:bookings', { requestId: `booking-sold-out:${orderId}` });
  // 'not-paid': refunded already (a rerun). A provider error throws, so the job is retried and shows in the queue.
  if (result === 'provider-error') throw new Error(`refund of order ${orderId} (time taken) failed`);
  await db.transaction().execute(async (trx) => {
    for (const b of await bookingsOfOrder(trx, orderId, ['sold_out']))
      await enqueueJob(
        trx,
        bookingMailJob,
        { bookingId: b.id, occasion: 'sold-out' },
        { uniqueKey: `booking-sold-out-mail:${b.id}` },
      );
  });
});

/** An order that expired unpaid frees its time at once instead of at the hold's end. */
export const bookingOrderSubscriber: OrderSubscriber = {
  within: {
    async expired(trx, { order }) {
      await trx
        .updateTable('bookings')
        .set({ status: 'released', hold_expires_at: null, updated_at: isoNow() })
        .where('order_id', '=', order.id)
        .where('status', '=', 'held')
        .execute();
    },
  },
};
