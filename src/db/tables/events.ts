import type { Generated, Selectable } from 'kysely';

/**
 * Live events: a product of kind 'event' (a workshop, webinar or group
 * course) with dated sessions, ticket types, tickets with their seats, and a
 * waiting list. Times are UTC text; people see them in the store's time zone.
 */

/** Where it takes place: a meeting link (revealed shortly before the start) or an address. */
export type EventFormat = 'online' | 'onsite';

/** What one ticket admits to: one session of the buyer's choice, or every session (a course of meetings). */
export type TicketScope = 'session' | 'all';

/**
 * The withdrawal rule the creator chose: 'leisure' — a dated leisure event
 * with limited capacity, no right of withdrawal (§ 312g (2) no. 9 BGB);
 * 'service' — teaching or training, the right applies and an early start
 * needs the buyer's request (§ 356 (4) BGB).
 */
export type EventWithdrawalRule = 'leisure' | 'service';

export interface EventsTable {
  /** The product (kind 'event') this event is sold as; also the event's id. */
  product_id: string;
  format: Generated<EventFormat>;
  /** On site: the address, several lines. */
  venue: Generated<string>;
  /** Online: the meeting link, shown on the ticket page from 15 minutes before a session, never in an email. */
  meeting_url: string | null;
  ticket_scope: Generated<TicketScope>;
  withdrawal_rule: Generated<EventWithdrawalRule>;
  /** No ticket is sold after this (UTC); null: until a session starts. */
  sales_end_at: string | null;
  /** How long a waiting-list offer holds its seat. */
  offer_hours: Generated<number>;
  created_at: string;
  updated_at: string;
}

export type EventSessionStatus = 'scheduled' | 'cancelled';

export interface EventSessionsTable {
  id: string;
  product_id: string;
  starts_at: string;
  ends_at: string;
  status: Generated<EventSessionStatus>;
  /** The iCalendar SEQUENCE: raised when the time changes or the session is cancelled. */
  sequence: Generated<number>;
  /** After the session: a link to its recording, for ticket holders. */
  recording_url: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * A session's seats, apart from the session so that a sale does not move the
 * store's content version (the product page lists the sessions). `taken`
 * counts seats held, offered or sold and changes only by guarded UPDATEs
 * (`taken + n <= capacity`): that is what keeps a session from being oversold.
 */
export interface EventSeatCountsTable {
  session_id: string;
  capacity: number;
  taken: Generated<number>;
}

export interface EventTicketTypesTable {
  id: string;
  product_id: string;
  /** E.g. "Early bird", "Regular". */
  name: string;
  price_minor: number;
  /** Sold until (UTC), e.g. the end of early bird; null: until the event's sales end. */
  available_until: string | null;
  position: Generated<number>;
  created_at: string;
}

/**
 * held: seats kept for an unpaid order until `hold_expires_at`; offered: kept
 * for a waiting-list offer; valid: paid; released: the hold ran out;
 * cancelled: refunded, withdrawn, disputed or its session cancelled;
 * sold_out: paid after its hold ran out and the seats were gone (refunded).
 */
export type TicketStatus = 'held' | 'offered' | 'valid' | 'released' | 'cancelled' | 'sold_out';

export interface EventTicketsTable {
  id: string;
  product_id: string;
  /** The session chosen; null for a ticket to every session. */
  session_id: string | null;
  ticket_type_id: string | null;
  order_id: string | null;
  /** Normalised address of the attendee (the customer library's identity). */
  email: string;
  name: Generated<string>;
  locale: Generated<string>;
  status: TicketStatus;
  hold_expires_at: string | null;
  /** 256-bit secret in the check-in QR code. UNIQUE. */
  check_in_token: string;
  created_at: string;
  updated_at: string;
}

/** One row per (ticket, session) it admits to; the check-in is per session. */
export interface EventSeatsTable {
  ticket_id: string;
  session_id: string;
  checked_in_at: string | null;
}

export type WaitlistStatus = 'waiting' | 'offered' | 'bought' | 'expired' | 'left';

export interface EventWaitlistTable {
  id: string;
  product_id: string;
  /** The session waited for; null for a ticket to every session. */
  session_id: string | null;
  email: string;
  name: Generated<string>;
  locale: Generated<string>;
  status: Generated<WaitlistStatus>;
  /** The ticket held for the offer (status 'offered'). */
  ticket_id: string | null;
  /** 256-bit secret of the offer's checkout link. */
  offer_token: string | null;
  created_at: string;
  updated_at: string;
}

/** One row per email an event sends per ticket and occasion: the key keeps a rerun from mailing twice. */
export interface EventMailsTable {
  ticket_id: string;
  session_id: string;
  /** E.g. 'ticket', 'reminder-24h:3' (with the session's sequence), 'cancel:4'. */
  occasion: string;
  sent_at: string;
}

export type EventRow = Selectable<EventsTable>;
export type EventSession = Selectable<EventSessionsTable>;
export type EventTicketType = Selectable<EventTicketTypesTable>;
export type EventTicket = Selectable<EventTicketsTable>;
export type EventWaitlistEntry = Selectable<EventWaitlistTable>;
