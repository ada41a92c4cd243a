import { z } from 'zod';
import { defineJobContract } from '../../jobs/define.js';

/* The jobs this folder's code enqueues: kind and payload only. The handlers are bound in feature.ts. */

/** A ticket's hold (unpaid order or waiting-list offer) may have run out: frees its seats if it did. */
export const eventHoldExpiryJob = defineJobContract({
  kind: 'events.hold-expiry',
  payload: z.object({ ticketId: z.string() }),
});

/** An order was paid after its seats were gone: it is refunded in full and the buyer told why. */
export const eventSoldOutRefundJob = defineJobContract({
  kind: 'events.sold-out-refund',
  payload: z.object({ orderId: z.string() }),
});

/**
 * Emails to a ticket's attendee: 'issued' — the ticket with one invitation
 * (.ics, METHOD:REQUEST) per session; 'cancelled' — the ticket ended (refund,
 * dispute, withdrawal): METHOD:CANCEL for each session; 'sold-out' — paid too
 * late, refunded.
 */
export const eventTicketMailJob = defineJobContract({
  kind: 'events.ticket-mail',
  payload: z.object({ ticketId: z.string(), occasion: z.enum(['issued', 'cancelled', 'sold-out']) }),
});

/**
 * A reminder before a session, for every valid ticket; enqueued for
 * `starts_at − 24 h` and `− 1 h` whenever a session is created or moved, with
 * the session's sequence: a reminder of an older time does nothing.
 */
export const eventReminderJob = defineJobContract({
  kind: 'events.reminder',
  payload: z.object({ sessionId: z.string(), sequence: z.number().int(), lead: z.enum(['24h', '1h']) }),
});

/** A session moved or was cancelled (sequence already raised): every ticket holder gets the update or CANCEL. */
export const eventSessionChangedJob = defineJobContract({
  kind: 'events.session-changed',
  payload: z.object({ sessionId: z.string(), sequence: z.number().int() }),
});

/** A seat was offered to the waiting list's next person: the offer email with its checkout link. */
export const eventWaitlistOfferJob = defineJobContract({
  kind: 'events.waitlist-offer',
  payload: z.object({ waitlistId: z.string() }),
});

/** Hourly: records the hours of the sessions held since the last run as the creator's work (session-hours.ts). */
export const eventSessionHoursJob = defineJobContract({
  kind: 'events.session-hours',
  payload: z.object({}),
  maxAttempts: 3,
});
