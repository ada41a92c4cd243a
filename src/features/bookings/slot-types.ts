/**
 * The slot engine's contract (slots.ts computes, availability.ts loads from
 * the database). Instants are ISO-8601 UTC text; days are YYYY-MM-DD and
 * minutes are minutes of the day, both on the store's clock.
 */

/** The creator's hours on a weekday: 1 = Monday … 7 = Sunday. */
export type WeeklyWindow = { weekday: number; startMinute: number; endMinute: number };

/** A day whose hours differ: its windows replace the weekday's; no windows = closed that day. */
export type DayOverride = { day: string; windows: { startMinute: number; endMinute: number }[] };

/** The session type's rules. */
export type SlotRules = {
  durationMinutes: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  minNoticeMinutes: number;
  horizonDays: number;
  dailyCap: number | null;
  weeklyCap: number | null;
  slotStepMinutes: number;
};

/** A time the creator is not free: an existing booking's block (with its buffers), or a busy time from a calendar. */
export type BusyBlock = { start: string; end: string };

export type SlotInput = {
  rules: SlotRules;
  weekly: readonly WeeklyWindow[];
  overrides: readonly DayOverride[];
  /** Holidays and sick leave (the effort page's leave records): closed, first to last day inclusive. */
  leave: readonly { startDay: string; endDay: string }[];
  busy: readonly BusyBlock[];
  /** Starts of this session type's held and confirmed bookings, for the daily and weekly caps. */
  bookedStarts: readonly string[];
  timeZone: string;
  now: Date;
};

/** A bookable session: the session itself (its block adds the buffers). */
export type Slot = { start: string; end: string };
