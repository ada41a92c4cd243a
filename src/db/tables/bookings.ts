import type { Generated, Selectable } from 'kysely';

/**
 * Bookable 1:1 sessions: a product of kind 'booking' (a session type) booked
 * into the creator's availability. Times are UTC text; weekly hours and date
 * overrides are minutes of the day on the store's clock.
 */

/** Where the session takes place: a meeting link (shown on the booking page shortly before), a phone call, an address. */
export type BookingLocation = 'online' | 'phone' | 'onsite';

export interface BookingTypesTable {
  /** The product (kind 'booking') this session type is sold as; also its id. */
  product_id: string;
  duration_minutes: number;
  buffer_before_minutes: Generated<number>;
  buffer_after_minutes: Generated<number>;
  /** No slot starts sooner than this after now. */
  min_notice_minutes: Generated<number>;
  /** No slot starts later than this many days ahead. */
  horizon_days: Generated<number>;
  /** Sessions of this type per day / per week (Monday to Sunday, store time); null: no cap. */
  daily_cap: number | null;
  weekly_cap: number | null;
  /** Slots start every this many minutes within the available hours. */
  slot_step_minutes: Generated<number>;
  location: Generated<BookingLocation>;
  /** Online: the meeting link; on site: the address; phone: a note (the creator calls the client's number). */
  location_detail: Generated<string>;
  /** JSON array of { id, label, required } asked at booking. */
  questions: Generated<string>;
  /** The client may cancel with a full refund until this many hours before the start; later, no refund. */
  free_cancel_hours: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** The creator's weekly hours (one schedule for all session types): weekday 1 = Monday … 7 = Sunday. */
export interface AvailabilityRulesTable {
  id: string;
  weekday: number;
  start_minute: number;
  end_minute: number;
}

/** A day whose hours differ from the week's: its windows replace them; a day with only a null window is closed. */
export interface AvailabilityOverridesTable {
  id: string;
  /** YYYY-MM-DD on the store's clock. */
  day: string;
  start_minute: number | null;
  end_minute: number | null;
  note: Generated<string>;
}

/**
 * held: kept for an unpaid order until `hold_expires_at`; confirmed: paid;
 * released: the hold ran out; cancelled: by the client, the creator, a
 * refund or dispute; sold_out: paid after its hold ran out and the time was
 * taken meanwhile (refunded).
 */
export type BookingStatus = 'held' | 'confirmed' | 'released' | 'cancelled' | 'sold_out';

export interface BookingsTable {
  id: string;
  product_id: string;
  order_id: string | null;
  email: string;
  name: Generated<string>;
  locale: Generated<string>;
  /** The client's time zone as their browser said (for their emails); the store's when unknown. */
  client_time_zone: string | null;
  /** The session itself. */
  starts_at: string;
  ends_at: string;
  /** The time it blocks in the creator's calendar: the session with its buffers. */
  block_start: string;
  block_end: string;
  status: BookingStatus;
  hold_expires_at: string | null;
  /** The iCalendar SEQUENCE: raised by every reschedule and by the cancellation. */
  sequence: Generated<number>;
  /** JSON object: question id → answer. */
  answers: Generated<string>;
  /** 256-bit secret of the client's link to reschedule or cancel. UNIQUE. */
  manage_token: string;
  cancelled_at: string | null;
  created_at: string;
  updated_at: string;
}

/** One row per email a booking sends per occasion (e.g. 'confirmed', 'reminder-24h:2'): a rerun mails nothing twice. */
export interface BookingMailsTable {
  booking_id: string;
  occasion: string;
  sent_at: string;
}

export type BookingType = Selectable<BookingTypesTable>;
export type Booking = Selectable<BookingsTable>;
export type AvailabilityRule = Selectable<AvailabilityRulesTable>;
export type AvailabilityOverride = Selectable<AvailabilityOverridesTable>;
