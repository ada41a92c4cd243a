import { z } from 'zod';
import type { Db } from '../../db/schema.js';
import type { Booking } from '../../db/tables/bookings.js';
import { defineJobContract } from '../../jobs/define.js';
import { enqueueJob } from '../../jobs/queue.js';

/* The jobs of bookable 1:1 sessions: kind and payload only. The handlers are bound in feature.ts (mail.jobs.ts). */

/**
 * Emails to a booking's client: 'confirmed' — paid, with the invitation
 * (.ics, METHOD:REQUEST); 'rescheduled' — moved, the invitation again with a
 * higher SEQUENCE; 'cancelled' — by the client, the creator, a refund or a
 * dispute (METHOD:CANCEL), saying whether a refund follows; 'sold-out' — paid
 * after the time was taken, refunded in full. Each is sent at most once per
 * booking (booking_mails), for 'rescheduled' once per sequence.
 */
export const bookingMailJob = defineJobContract({
  kind: 'bookings.mail',
  payload: z.object({
    bookingId: z.string(),
    occasion: z.enum(['confirmed', 'rescheduled', 'cancelled', 'sold-out']),
    /** 'cancelled' only: who cancelled (absent: the order was refunded or disputed). */
    by: z.enum(['client', 'creator']).optional(),
    /** 'cancelled' only: whether a full refund follows (absent: the order's state tells). */
    refund: z.boolean().optional(),
  }),
});

/**
 * A reminder before a booked session, enqueued for `starts_at − 24 h` and
 * `− 1 h` when it is confirmed or moved, with the booking's sequence: a
 * reminder of an older time, or of a booking no longer confirmed, does nothing.
 */
export const bookingReminderJob = defineJobContract({
  kind: 'bookings.reminder',
  payload: z.object({ bookingId: z.string(), sequence: z.number().int(), lead: z.enum(['24h', '1h']) }),
});

/** A client cancelled in time: their order is refunded in full (the refund runs here, not in the request). */
export const bookingRefundJob = defineJobContract({
  kind: 'bookings.refund',
  payload: z.object({ bookingId: z.string() }),
});

const LEADS = [
  { lead: '24h', ms: 24 * 3600_000 },
  { lead: '1h', ms: 3600_000 },
] as const;

/**
 * Enqueues a booking's reminders at its current time and sequence (a moved
 * booking gets new ones; the old ones find a newer sequence and do nothing).
 * A reminder whose time has passed is not sent late.
 */
export async function scheduleBookingReminders(
  db: Db,
  booking: Pick<Booking, 'id' | 'starts_at' | 'sequence'>,
  now: Date = new Date(),
): Promise<void> {
  const start = Date.parse(booking.starts_at);
  for (const { lead, ms } of LEADS) {
    const runAt = new Date(start - ms);
    if (runAt <= now) continue;
    await enqueueJob(
      db,
      bookingReminderJob,
      { bookingId: booking.id, sequence: booking.sequence, lead },
      { runAt, uniqueKey: `booking-reminder:${booking.id}:${booking.sequence}:${lead}` },
    );
  }
}
