import { z } from 'zod';
import type { MessageKey } from '../../web/messages.js';
import { windowsProblem } from './availability.js';
import type { WeeklyWindow } from './slot-types.js';
import { isDay } from './slots.js';

/**
 * Reading the availability page's forms. Times are typed as HH:MM on the
 * store's clock (24:00 may end a day); a row left empty is no window.
 * Whatever is wrong is reported by field and nothing is saved.
 */

export type FormErrors = Partial<Record<string, MessageKey>>;
export type Checked<T> = { ok: true; value: T } | { ok: false; errors: FormErrors };
type Window = { startMinute: number; endMinute: number };

/** Rows of time fields per weekday on the page: the saved windows and one empty row, at least two. */
export const MAX_ROWS = 8;
export const OVERRIDE_ROWS = 3;

/** "09:00" or "9:00" → 540; "24:00" → 1440; anything else → undefined. */
export function readTime(text: string): number | undefined {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  const [h, min] = [Number(m[1]), Number(m[2])];
  if (h === 24 && min === 0) return 1440;
  return h < 24 && min < 60 ? h * 60 + min : undefined;
}

/** 540 → "09:00". */
export function timeText(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** Field names of a weekly row: `w{weekday}_{row}_start` / `_end`. */
export const weeklyField = (weekday: number, row: number, edge: 'start' | 'end') => `w${weekday}_${row}_${edge}`;

/** Any fields (the weekly form's names depend on its rows); each value is short text. */
export const weeklyForm = z.record(z.string().max(100), z.string().max(2000)).default({});
export type WeeklyForm = z.infer<typeof weeklyForm>;

/** One row's two fields → a window, nothing (both empty), or the error of the row. */
function readRow(start = '', end = ''): Window | undefined | MessageKey {
  if (!start.trim() && !end.trim()) return undefined;
  if (!start.trim() || !end.trim()) return 'bookings.availability.error.missing';
  const s = readTime(start);
  const e = readTime(end);
  if (s === undefined || e === undefined || s === 1440) return 'bookings.availability.error.time';
  if (e <= s) return 'bookings.availability.error.endBeforeStart';
  return { startMinute: s, endMinute: e };
}

const overlapKey = (windows: Window[]): MessageKey | undefined =>
  windowsProblem(windows) === 'overlap' ? 'bookings.availability.error.overlap' : undefined;

export function checkWeekly(form: WeeklyForm): Checked<WeeklyWindow[]> {
  const errors: FormErrors = {};
  const out: WeeklyWindow[] = [];
  for (let weekday = 1; weekday <= 7; weekday++) {
    const day: Window[] = [];
    for (let row = 0; row < MAX_ROWS; row++) {
      const r = readRow(form[weeklyField(weekday, row, 'start')], form[weeklyField(weekday, row, 'end')]);
      if (typeof r === 'string') errors[`w${weekday}_${row}`] = r;
      else if (r) day.push(r);
    }
    const overlap = overlapKey(day);
    if (overlap) errors[`w${weekday}`] = overlap;
    out.push(...day.map((w) => ({ weekday, ...w })));
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value: out };
}

const text = (max: number) =>
  z
    .string()
    .max(max)
    .default('')
    .transform((s) => s.trim());

export const overrideForm = z.object({
  day: text(20),
  mode: text(10),
  note: text(200),
  ...Object.fromEntries(
    Array.from({ length: OVERRIDE_ROWS }, (_, k) => [
      [`o${k}_start`, text(20)],
      [`o${k}_end`, text(20)],
    ]).flat(),
  ),
});
export type OverrideForm = Record<string, string>;

export type OverrideInput = { day: string; windows: Window[] | 'closed'; note: string };

/** A date override: a real day not before `today`, closed or with at least one valid window. */
export function checkOverride(form: OverrideForm, today: string): Checked<OverrideInput> {
  const errors: FormErrors = {};
  const day = form.day ?? '';
  if (!isDay(day)) errors.day = 'bookings.availability.error.day';
  else if (day < today) errors.day = 'bookings.availability.error.pastDay';
  const note = form.note ?? '';
  if (form.mode === 'closed')
    return Object.keys(errors).length ? { ok: false, errors } : ok({ day, windows: 'closed', note });
  if (form.mode !== 'hours') errors.mode = 'bookings.availability.error.mode';
  const windows: Window[] = [];
  for (let k = 0; k < OVERRIDE_ROWS; k++) {
    const r = readRow(form[`o${k}_start`], form[`o${k}_end`]);
    if (typeof r === 'string') errors[`o${k}`] = r;
    else if (r) windows.push(r);
  }
  if (form.mode === 'hours' && windows.length === 0 && !Object.keys(errors).some((k) => k.startsWith('o')))
    errors.o0 = 'bookings.availability.error.hoursNeeded';
  const overlap = overlapKey(windows);
  if (overlap) errors.windows = overlap;
  return Object.keys(errors).length ? { ok: false, errors } : ok({ day, windows, note });
}

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });

export const calendarForm = z.object({ calendarUrl: text(2000) });

/** The calendar's iCalendar address: https only ('' = none); webcal:// (as Apple shows it) is read as https. */
export function checkCalendarUrl(value: string): Checked<string> {
  if (value === '') return ok('');
  const typed = value.replace(/^webcal:\/\//i, 'https://');
  try {
    const u = new URL(typed);
    if (u.protocol === 'https:' && u.hostname && !u.username && !u.password) return ok(u.href);
  } catch {
    // falls through
  }
  return { ok: false, errors: { calendarUrl: 'bookings.availability.error.url' } };
}
