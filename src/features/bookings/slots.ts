import { offsetMinutes } from '../analytics/day-shift.js';
import { utcToLocalInput } from '../posts/local-time.js';
import type { Slot, SlotInput } from './slot-types.js';

/**
 * The slot engine: which sessions a client can book, as a pure function of
 * the creator's hours, the session type's rules, the busy time and `now`.
 *
 * Every availability window is turned into two instants on the store's clock
 * and slots step through instants from the window's start, so a change of
 * daylight-saving time neither drops nor doubles a slot: a 09:00–17:00 day
 * gives 09:00, 09:30 … on the change day as on any other, and a window across
 * the change hour (00:00–06:00) has one more or one less real hour.
 *
 * How a window edge is read when the clock jumps (see `wallInstant`):
 * - a time the clock skips (02:30 on the spring day in Berlin) is the instant
 *   of the jump, the first time that exists after it (03:00 summer time), so
 *   a window 02:30–04:00 that day runs 03:00–04:00;
 * - a time the clock shows twice (02:30 on the autumn day in Berlin) is its
 *   first occurrence (summer time), for start and end alike, so a window
 *   02:00–02:30 that day is the first pass only, and a window 02:30–03:00
 *   lasts 90 real minutes (it contains the whole repeated hour).
 * The reading is monotonic, so windows that do not overlap on the clock do
 * not overlap as instants either.
 */

const MIN = 60_000;
const DAY = 86_400_000;
const DAY_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;

function dayUtc(day: string): number | undefined {
  const m = DAY_TEXT.exec(day);
  if (!m) return undefined;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(t).toISOString().slice(0, 10) === day ? t : undefined;
}

/** True for a real calendar day written YYYY-MM-DD. */
export function isDay(day: string): boolean {
  return dayUtc(day) !== undefined;
}

/** The day `n` days after `day` (YYYY-MM-DD, calendar arithmetic). */
export function addDays(day: string, n: number): string {
  return new Date((dayUtc(day) ?? Number.NaN) + n * DAY).toISOString().slice(0, 10);
}

/** 1 = Monday … 7 = Sunday. */
export function weekdayOf(day: string): number {
  return new Date(dayUtc(day) ?? Number.NaN).getUTCDay() || 7;
}

/** The Monday of the (Monday–Sunday) week a day lies in. */
export function mondayOf(day: string): string {
  return addDays(day, 1 - weekdayOf(day));
}

/** The store-clock day an instant falls on. */
export function localDayOf(ms: number, timeZone: string): string {
  return utcToLocalInput(new Date(ms).toISOString(), timeZone).slice(0, 10);
}

/**
 * The instant (ms) a minute of a store-clock day reads as; minute 1440 is the
 * next day's midnight. A skipped time reads as the instant of the jump, a
 * repeated time as its first occurrence (see the file's comment).
 */
export function wallInstant(day: string, minute: number, timeZone: string): number {
  const wall = (dayUtc(day) ?? Number.NaN) + minute * MIN;
  const before = offsetMinutes(new Date(wall - DAY), timeZone);
  const after = offsetMinutes(new Date(wall + DAY), timeZone);
  const readings = [wall - before * MIN, wall - after * MIN].filter(
    (t) => offsetMinutes(new Date(t), timeZone) * MIN === wall - t,
  );
  if (readings.length > 0) return Math.min(...readings);
  // In the gap: the jump lies between the two readings; find it to the minute.
  let lo = Math.min(wall - before * MIN, wall - after * MIN);
  let hi = Math.max(wall - before * MIN, wall - after * MIN);
  const startOffset = offsetMinutes(new Date(lo), timeZone);
  while (hi - lo > MIN) {
    const mid = lo + Math.floor((hi - lo) / 2 / MIN) * MIN;
    if (offsetMinutes(new Date(mid), timeZone) === startOffset) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** The windows of a store-clock day: none on leave, the override's if there is one, else the weekday's. */
export function windowsOfDay(input: SlotInput, day: string): { startMinute: number; endMinute: number }[] {
  if (input.leave.some((l) => l.startDay <= day && day <= l.endDay)) return [];
  const overrides = input.overrides.filter((o) => o.day === day);
  if (overrides.length > 0) return overrides.flatMap((o) => o.windows);
  const weekday = weekdayOf(day);
  return input.weekly.filter((w) => w.weekday === weekday);
}

function countBy(keys: Iterable<string>): Map<string, number> {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
}

/** Every bookable slot whose start lies on the store-clock days `from`..`to` (inclusive), sorted by start. */
export function computeSlots(input: SlotInput, from: string, to: string): Slot[] {
  const { rules, timeZone } = input;
  const duration = rules.durationMinutes * MIN;
  const step = rules.slotStepMinutes * MIN;
  if (!isDay(from) || !isDay(to) || from > to || !(duration > 0) || !(step > 0)) return [];
  const now = input.now.getTime();
  const earliest = now + rules.minNoticeMinutes * MIN;
  const latest = now + rules.horizonDays * DAY;
  const before = rules.bufferBeforeMinutes * MIN;
  const after = rules.bufferAfterMinutes * MIN;
  const busy = input.busy
    .map((b) => [Date.parse(b.start), Date.parse(b.end)] as const)
    .filter(([s, e]) => s < e)
    .sort((a, b) => a[0] - b[0]);
  const bookedDays = input.bookedStarts.map((s) => localDayOf(Date.parse(s), timeZone));
  const perDay = countBy(bookedDays);
  const perWeek = countBy(bookedDays.map(mondayOf));
  const starts = new Set<number>();

  for (let day = from; day <= to; day = addDays(day, 1)) {
    if (rules.dailyCap !== null && (perDay.get(day) ?? 0) >= rules.dailyCap) continue;
    if (rules.weeklyCap !== null && (perWeek.get(mondayOf(day)) ?? 0) >= rules.weeklyCap) continue;
    for (const w of windowsOfDay(input, day)) {
      const end = wallInstant(day, w.endMinute, timeZone);
      for (let t = wallInstant(day, w.startMinute, timeZone); t + duration <= end; t += step) {
        if (t < earliest || t > latest) continue;
        const blockStart = t - before;
        const blockEnd = t + duration + after;
        if (busy.some(([s, e]) => s < blockEnd && blockStart < e)) continue;
        starts.add(t);
      }
    }
  }
  return [...starts]
    .sort((a, b) => a - b)
    .map((t) => ({ start: new Date(t).toISOString(), end: new Date(t + duration).toISOString() }));
}

/** The slot starting exactly at `start` if it is bookable now (a client's pick at checkout); agrees with `computeSlots`. */
export function isBookable(input: SlotInput, start: string): Slot | undefined {
  const t = Date.parse(start);
  if (Number.isNaN(t)) return undefined;
  const day = localDayOf(t, input.timeZone);
  return computeSlots(input, day, day).find((s) => Date.parse(s.start) === t);
}

/** The time a booked slot blocks in the creator's calendar: the session with its buffers. */
export function blockOf(input: Pick<SlotInput, 'rules'>, slot: Slot): { start: string; end: string } {
  const { bufferBeforeMinutes, bufferAfterMinutes } = input.rules;
  return {
    start: new Date(Date.parse(slot.start) - bufferBeforeMinutes * MIN).toISOString(),
    end: new Date(Date.parse(slot.end) + bufferAfterMinutes * MIN).toISOString(),
  };
}
