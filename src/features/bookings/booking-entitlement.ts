import { isoNow } from '../../db/time.js';
import { enqueueJob } from '../../jobs/queue.js';
import type { Entitlement, FulfilmentGate } from '../../order-core/entitlements.js';
import { isLocale } from '../../web/i18n.js';
import { translator } from '../../web/messages.js';
import { bookingSoldOutRefundJob } from './hold-job-contracts.js';
import { isOverlapViolation } from './holds.js';
import { bookingMailJob, scheduleBookingReminders } from './job-contracts.js';
import { bookingsOfOrder, overlappingBooking } from './queries.js';

/**
 * A paid order's booking: the held slot becomes a confirmed booking (the
 * confirmation with the invitation and the reminders follow); a refund or a
 * dispute cancels it and frees the time; a won dispute gives it back if the
 * time is still free.
 */
export const bookingEntitlement: Entitlement = {
  kind: 'booking',
  timelineKey: 'bookings',
  async grant(trx, { order }) {
    let granted = 0;
    for (const booking of await bookingsOfOrder(trx, order.id, ['held'])) {
      const r = await trx
        .updateTable('bookings')
        .set({ status: 'confirmed', hold_expires_at: null, updated_at: isoNow() })
        .where('id', '=', booking.id)
        .where('status', '=', 'held')
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) continue;
      await enqueueJob(
        trx,
        bookingMailJob,
        { bookingId: booking.id, occasion: 'confirmed' },
        { uniqueKey: `booking-confirmed:${booking.id}` },
      );
      await scheduleBookingReminders(trx, booking);
      granted++;
    }
    return granted;
  },
  async revoke(trx, { order, at }) {
    for (const booking of await bookingsOfOrder(trx, order.id, ['held', 'confirmed'])) {
      const r = await trx
        .updateTable('bookings')
        .set((eb) => ({
          status: 'cancelled',
          cancelled_at: at,
          sequence: eb('sequence', '+', 1),
          hold_expires_at: null,
          updated_at: at,
        }))
        .where('id', '=', booking.id)
        .where('status', '=', booking.status)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) === 1 && booking.status === 'confirmed')
        await enqueueJob(
          trx,
          bookingMailJob,
          { bookingId: booking.id, occasion: 'cancelled' },
          { uniqueKey: `booking-cancelled:${booking.id}` },
        );
    }
  },
  async restore(trx, { order, revokedAt }) {
    for (const booking of await bookingsOfOrder(trx, order.id, ['cancelled'])) {
      if (booking.cancelled_at !== revokedAt || booking.starts_at <= isoNow()) continue;
      // The time may have gone to someone else meanwhile: then the booking stays cancelled.
      if (await overlappingBooking(trx, { start: booking.block_start, end: booking.block_end }, booking.id)) continue;
      await trx
        .updateTable('bookings')
        .set((eb) => ({
          status: 'confirmed',
          cancelled_at: null,
          sequence: eb('sequence', '+', 1),
          updated_at: isoNow(),
        }))
        .where('id', '=', booking.id)
        .execute();
      await enqueueJob(
        trx,
        bookingMailJob,
        { bookingId: booking.id, occasion: 'rescheduled' },
        { uniqueKey: `booking-restored:${booking.id}:${revokedAt}` },
      );
    }
  },
  async receiptLinks(db, { order, publicUrl, locale }) {
    const t = translator(isLocale(locale) ? locale : 'en');
    return (await bookingsOfOrder(db, order.id, ['confirmed'])).map((b) => ({
      label: t('bookings.receipt.booking'),
      url: `${publicUrl}/bookings/manage/${b.manage_token}`,
      note: t('bookings.receipt.note'),
    }));
  },
};

/**
 * An order paid after its hold ran out: if the time is still free it is held
 * again and the order goes on; if not, the order is held, refunded in full by
 * a job and the client told why — never two bookings of one time.
 */
export const bookingSlotGate: FulfilmentGate = async (trx, order) => {
  for (const booking of await bookingsOfOrder(trx, order.id, ['released'])) {
    const free = !(await overlappingBooking(trx, { start: booking.block_start, end: booking.block_end }, booking.id));
    if (free) {
      try {
        await trx
          .updateTable('bookings')
          .set({ status: 'held', updated_at: isoNow() })
          .where('id', '=', booking.id)
          .where('status', '=', 'released')
          .execute();
        continue;
      } catch (err) {
        if (!isOverlapViolation(err)) throw err;
        throw new Error(
          `booking ${booking.id}: its time was taken while the late payment was handled; the job retries`,
        );
      }
    }
    await trx
      .updateTable('bookings')
      .set({ status: 'sold_out', updated_at: isoNow() })
      .where('id', '=', booking.id)
      .where('status', '=', 'released')
      .execute();
    await enqueueJob(
      trx,
      bookingSoldOutRefundJob,
      { orderId: order.id },
      { uniqueKey: `booking-sold-out:${order.id}` },
    );
    return 'hold';
  }
  return 'go';
};
