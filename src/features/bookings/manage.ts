import type { Booking, Db } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { enqueueJob } from '../../jobs/queue.js';
import type { Services } from '../../services.js';
import { recordAudit } from '../admin/audit.js';
import { localDay } from '../analytics/time-zone.js';
import { loadSlotInput } from './availability.js';
import { bookingMailJob, bookingRefundJob, scheduleBookingReminders } from './job-contracts.js';
import { freeCancelDeadline } from './mails.js';
import type { Slot, SlotInput } from './slot-types.js';
import { addDays, blockOf, computeSlots, isBookable } from './slots.js';

/*
 * What a booking's client (through the link in their emails) and the creator
 * (from the admin) may change: cancel and reschedule. Each change is one
 * transaction around a guarded UPDATE (status 'confirmed', and for a move the
 * old start), so two clicks, a refund arriving meanwhile or a second tab
 * change it once: only the one that changed the row raises the sequence,
 * enqueues the email and (once, by its unique key) the refund.
 */

/** The meeting link shows this long before the start, and until the end (as for events). */
export const LINK_LEAD_MS = 15 * 60_000;

/** The booking whose manage link carries this token (a 256-bit secret). */
export async function findBookingByToken(db: Db, token: string): Promise<Booking | undefined> {
  if (!/^[A-Za-z0-9_-]{40,64}$/.test(token)) return undefined;
  return db.selectFrom('bookings').selectAll().where('manage_token', '=', token).executeTakeFirst();
}

/** What the client may do now: cancel until the start (refunded until the deadline), move until the deadline. */
export type ClientTerms = { deadline: string; refundable: boolean; cancellable: boolean; reschedulable: boolean };

export function clientTerms(
  booking: Pick<Booking, 'status' | 'starts_at'>,
  freeCancelHours: number,
  now: Date,
): ClientTerms {
  const deadline = freeCancelDeadline(booking, freeCancelHours);
  const confirmed = booking.status === 'confirmed';
  const beforeDeadline = now.getTime() < Date.parse(deadline);
  return {
    deadline,
    refundable: confirmed && beforeDeadline,
    cancellable: confirmed && now.getTime() < Date.parse(booking.starts_at),
    reschedulable: confirmed && beforeDeadline,
  };
}

/** Whether the meeting link may be shown: a confirmed online booking, from LINK_LEAD_MS before its start until its end. */
export function meetingLinkOpen(booking: Pick<Booking, 'status' | 'starts_at' | 'ends_at'>, now: Date): boolean {
  if (booking.status !== 'confirmed') return false;
  const t = now.getTime();
  return t >= Date.parse(booking.starts_at) - LINK_LEAD_MS && t < Date.parse(booking.ends_at);
}

export type CancelOutcome = 'cancelled' | 'not-found' | 'not-active' | 'started';

/**
 * Cancels a confirmed booking: status 'cancelled', sequence + 1, the
 * cancellation email (METHOD:CANCEL), and with `refund` a job that refunds
 * its order in full (never in the request: the provider may be slow). A
 * client can cancel until the start only; the creator at any time.
 */
export async function cancelBooking(
  services: Services,
  bookingId: string,
  opts: { by: 'client' | 'creator'; refund: boolean },
  actor: string,
  now: Date = new Date(),
): Promise<CancelOutcome> {
  const { db } = services.database;
  return db.transaction().execute(async (trx) => {
    const booking = await trx.selectFrom('bookings').selectAll().where('id', '=', bookingId).executeTakeFirst();
    if (!booking) return 'not-found';
    if (booking.status !== 'confirmed') return 'not-active';
    const at = now.toISOString();
    let q = trx
      .updateTable('bookings')
      .set((eb) => ({ status: 'cancelled', sequence: eb('sequence', '+', 1), cancelled_at: at, updated_at: isoNow() }))
      .where('id', '=', bookingId)
      .where('status', '=', 'confirmed');
    if (opts.by === 'client') q = q.where('starts_at', '>', at);
    const r = await q.executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1)
      return opts.by === 'client' && booking.starts_at <= at ? 'started' : 'not-active';
    const refund = opts.refund && booking.order_id !== null;
    if (refund) await enqueueJob(trx, bookingRefundJob, { bookingId }, { uniqueKey: `booking-refund:${bookingId}` });
    await enqueueJob(
      trx,
      bookingMailJob,
      { bookingId, occasion: 'cancelled', by: opts.by, refund: opts.refund },
      { uniqueKey: `booking-mail:${bookingId}:cancelled:${booking.sequence + 1}` },
    );
    await recordAudit(trx, actor, 'booking.cancelled', { bookingId, by: opts.by, refund });
    return 'cancelled';
  });
}

export type RescheduleOutcome = 'rescheduled' | 'not-found' | 'not-active' | 'too-late' | 'slot-taken' | 'same-time';

/** The slot input of a booking's session type, its own block and start left out (it may move within them). */
export function withoutOwnBlock(input: SlotInput, booking: Pick<Booking, 'block_start' | 'block_end' | 'starts_at'>) {
  const busy = [...input.busy];
  const i = busy.findIndex((b) => b.start === booking.block_start && b.end === booking.block_end);
  if (i >= 0) busy.splice(i, 1);
  const bookedStarts = [...input.bookedStarts];
  const j = bookedStarts.indexOf(booking.starts_at);
  if (j >= 0) bookedStarts.splice(j, 1);
  return { ...input, busy, bookedStarts };
}

/** The times a booking can move to within the next `days` days (store-clock days), its own block not counted as busy. */
export async function rescheduleSlots(db: Db, booking: Booking, now: Date, days = 28): Promise<Slot[]> {
  const input = await loadSlotInput(db, booking.product_id, now);
  if (!input) return [];
  const today = localDay(now, input.timeZone);
  return computeSlots(withoutOwnBlock(input, booking), today, addDays(today, days)).filter(
    (s) => s.start !== booking.starts_at,
  );
}

/**
 * Moves a confirmed booking to `newStart`, if that is a bookable slot of its
 * session type (checked again inside the transaction): new times and block,
 * sequence + 1, new reminders, the 'rescheduled' email with the update. The
 * client may move it until `free_cancel_hours` before the start (`by:
 * 'client'`); the creator (the default) until the start. On PostgreSQL the
 * exclusion constraint has the last word over a concurrent booking.
 */
export async function rescheduleBooking(
  services: Services,
  bookingId: string,
  newStart: string,
  actor: string,
  opts: { by?: 'client' | 'creator'; now?: Date } = {},
): Promise<RescheduleOutcome> {
  const { db } = services.database;
  const now = opts.now ?? new Date();
  try {
    return await db.transaction().execute(async (trx): Promise<RescheduleOutcome> => {
      const booking = await trx.selectFrom('bookings').selectAll().where('id', '=', bookingId).executeTakeFirst();
      if (!booking) return 'not-found';
      if (booking.status !== 'confirmed') return 'not-active';
      const type = await trx
        .selectFrom('booking_types')
        .select('free_cancel_hours')
        .where('product_id', '=', booking.product_id)
        .executeTakeFirst();
      if (!type) return 'not-found';
      const limit = opts.by === 'client' ? freeCancelDeadline(booking, type.free_cancel_hours) : booking.starts_at;
      if (now.getTime() >= Date.parse(limit)) return 'too-late';
      if (Date.parse(newStart) === Date.parse(booking.starts_at)) return 'same-time';
      const input = await loadSlotInput(trx, booking.product_id, now);
      if (!input) return 'not-found';
      const own = withoutOwnBlock(input, booking);
      const slot = isBookable(own, newStart);
      if (!slot) return 'slot-taken';
      const block = blockOf(own, slot);
      const sequence = booking.sequence + 1;
      const r = await trx
        .updateTable('bookings')
        .set({
          starts_at: slot.start,
          ends_at: slot.end,
          block_start: block.start,
          block_end: block.end,
          sequence,
          updated_at: isoNow(),
        })
        .where('id', '=', bookingId)
        .where('status', '=', 'confirmed')
        .where('starts_at', '=', booking.starts_at)
        .where('sequence', '=', booking.sequence)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return 'not-active';
      await scheduleBookingReminders(trx, { id: bookingId, starts_at: slot.start, sequence }, now);
      await enqueueJob(
        trx,
        bookingMailJob,
        { bookingId, occasion: 'rescheduled' },
        { uniqueKey: `booking-mail:${bookingId}:rescheduled:${sequence}` },
      );
      await recordAudit(trx, actor, 'booking.rescheduled', { bookingId, from: booking.starts_at, to: slot.start });
      return 'rescheduled';
    });
  } catch (err) {
    // PostgreSQL: bookings_no_overlap refused it (another booking took the time meanwhile).
    if ((err as { code?: string }).code === '23P01') return 'slot-taken';
    throw err;
  }
}
