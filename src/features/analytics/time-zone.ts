import { memoize } from '../../domain/memo.js';

/**
 * Calendar days in the store's time zone, with the runtime's own time-zone data
 * (Intl, full ICU in Node 20): no library and no hand-written offset tables.
 * A day is 'YYYY-MM-DD' text, which sorts and compares as a string.
 */
export const DEFAULT_TIME_ZONE = 'Europe/Berlin';

const dayFormat = memoize(
  32,
  (timeZone) => new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }),
);

export function isTimeZone(value: string): boolean {
  if (!value || value.length > 64) return false;
  try {
    dayFormat(value);
    return true;
  } catch {
    return false;
  }
}

/** The store-local calendar day of an instant. */
export function localDay(at: string | Date, timeZone: string): string {
  const parts = dayFormat(timeZone).formatToParts(typeof at === 'string' ? new Date(at) : at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

function toUtcDate(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

export function addDays(day: string, n: number): string {
  const d = toUtcDate(day);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((toUtcDate(b).getTime() - toUtcDate(a).getTime()) / 86_400_000);
}

/** Monday of the ISO week the day is in. */
export function weekStart(day: string): string {
  const weekday = (toUtcDate(day).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return addDays(day, -weekday);
}

export function monthStart(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

/** ISO week label, e.g. '2026-W14' (the week's Thursday decides the year). */
export function isoWeek(day: string): string {
  const thursday = addDays(weekStart(day), 3);
  const year = thursday.slice(0, 4);
  const week = Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export type Period = 'day' | 'week' | 'month';

export function bucketOf(day: string, period: Period): string {
  return period === 'day' ? day : period === 'week' ? weekStart(day) : monthStart(day);
}

/** Every bucket start from `from` to `to` inclusive, so gaps show as zeros. */
export function bucketsBetween(from: string, to: string, period: Period): string[] {
  const out: string[] = [];
  let b = bucketOf(from, period);
  while (b <= to) {
    out.push(b);
    if (period === 'day') b = addDays(b, 1);
    else if (period === 'week') b = addDays(b, 7);
    else {
      const [y, m] = b.split('-').map(Number) as [number, number];
      b = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
    }
  }
  return out;
}
