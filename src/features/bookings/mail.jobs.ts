import { handleJob } from '../../jobs/define.js';
import { refundOrder } from '../payments/refund-order.js';
import { bookingMailJob, bookingRefundJob, bookingReminderJob } from './job-contracts.js';
import { sendBookingMail, sendBookingReminder } from './mails.js';

/* The handlers of a booking's emails and of a client's in-time cancellation refund (listed in feature.ts). */

export const bookingMailHandler = handleJob(
  bookingMailJob,
  async ({ bookingId, occasion, by, refund }, { services }) => {
    await sendBookingMail(services, bookingId, occasion, { by, refund });
  },
);

export const bookingReminderHandler = handleJob(bookingReminderJob, async (payload, { services }) => {
  await sendBookingReminder(services, payload);
});

/**
 * Refunds the order of a booking cancelled in time, in full. The order core
 * then revokes the order's entitlements; the booking is already cancelled, so
 * that finds nothing left to cancel and mails nothing. An order no longer
 * paid (refunded or disputed meanwhile) is left as it is.
 */
export const bookingRefundHandler = handleJob(bookingRefundJob, async ({ bookingId }, { db, services }) => {
  const booking = await db
    .selectFrom('bookings')
    .select(['order_id', 'status'])
    .where('id', '=', bookingId)
    .executeTakeFirst();
  if (!booking?.order_id || booking.status !== 'cancelled') return;
  const result = await refundOrder(services, booking.order_id, 'booking-cancellation');
  if (result === 'provider-error') throw new Error('refund of a cancelled booking failed at the provider; retrying');
});

export const bookingMailJobs = [bookingMailHandler, bookingReminderHandler, bookingRefundHandler] as const;
