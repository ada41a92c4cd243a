import { randomBytes, randomUUID } from 'node:crypto';
import type { BookingType, Db, Order } from '../../db/schema.js';
import { enqueueJob } from '../../jobs/queue.js';
import { isTimeZone } from '../analytics/time-zone.js';
import { normaliseEmail } from '../library/sessions.js';
import { bookingHoldExpiryJob } from './hold-job-contracts.js';
import { overlappingBooking } from './queries.js';

/** How long a slot waits for an unpaid order. */
export const HOLD_MINUTES = 15;

/**
 * The client's pick as the checkout's `choice` field carries it:
 * `b|<start, ISO UTC>|<the client's IANA time zone or empty>`.
 */
export type SlotChoice = { start: string; timeZone: string | null };

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\.000Z$/;

export function readSlotChoice(choice: string): SlotChoice | undefined {
  const [k, start, zone = '', rest] = choice.split('|');
  if (k !== 'b' || !start || rest !== undefined || !ISO.test(start) || Number.isNaN(Date.parse(start)))
    return undefined;
  if (zone && !isTimeZone(zone)) return undefined;
  return { start, timeZone: zone || null };
}

export function slotChoice(start: string, timeZone: string | null): string {
  return `b|${start}|${timeZone ?? ''}`;
}

/** The session [start, end) and the block it takes in the creator's time, buffers included. */
export function blockOf(
  type: Pick<BookingType, 'duration_minutes' | 'buffer_before_minutes' | 'buffer_after_minutes'>,
  start: string,
) {
  const t = Date.parse(start);
  const end = new Date(t + type.duration_minutes * 60_000).toISOString();
  return {
    start,
    end,
    blockStart: new Date(t - type.buffer_before_minutes * 60_000).toISOString(),
    blockEnd: new Date(Date.parse(end) + type.buffer_after_minutes * 60_000).toISOString(),
  };
}

/** PostgreSQL's answer when the exclusion constraint `bookings_no_overlap` refuses a second booking of the same time. */
export function isOverlapViolation(err: unknown): boolean {
  return !!err && typeof err === 'object' && (err as { code?: unknown }).code === '23P01';
}

/**
 * Holds the slot for a new (pending) order for HOLD_MINUTES, in the order's
 * transaction. SQLite runs one writer at a time, so the check and the insert
 * are one step; on PostgreSQL two concurrent holds can both pass the check,
 * and the exclusion constraint refuses the second: the same answer,
 * 'slot-taken'. (After that error the transaction can only roll back, which
 * is what the checkout does with any refused pick.)
 */
export async function holdSlot(
  db: Db,
  ctx: { order: Order; type: BookingType; choice: SlotChoice; answers: Record<string, string>; now: string },
): Promise<'ok' | 'slot-taken'> {
  const b = blockOf(ctx.type, ctx.choice.start);
  if (await overlappingBooking(db, { start: b.blockStart, end: b.blockEnd })) return 'slot-taken';
  const id = randomUUID();
  const expires = new Date(Date.parse(ctx.now) + HOLD_MINUTES * 60_000).toISOString();
  try {
    await db
      .insertInto('bookings')
      .values({
        id,
        product_id: ctx.type.product_id,
        order_id: ctx.order.id,
        email: normaliseEmail(ctx.order.email),
        name: ctx.order.name,
        locale: ctx.order.locale,
        client_time_zone: ctx.choice.timeZone,
        starts_at: b.start,
        ends_at: b.end,
        block_start: b.blockStart,
        block_end: b.blockEnd,
        status: 'held',
        hold_expires_at: expires,
        answers: JSON.stringify(ctx.answers),
        manage_token: randomBytes(32).toString('base64url'),
        cancelled_at: null,
        created_at: ctx.now,
        updated_at: ctx.now,
      })
      .execute();
  } catch (err) {
    if (isOverlapViolation(err)) return 'slot-taken';
    throw err;
  }
  await enqueueJob(
    db,
    bookingHoldExpiryJob,
    { bookingId: id },
    { runAt: new Date(expires), uniqueKey: `booking-hold:${id}` },
  );
  return 'ok';
}
