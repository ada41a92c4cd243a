import { z } from 'zod';

/**
 * Calendar days as the app stores them: `YYYY-MM-DD` text of a day that exists
 * in the Gregorian calendar. "2026-13-45" and "2026-02-31" look like days but
 * are not; `new Date()` would roll the second over to March and make the first
 * an Invalid Date that throws later, far from the form that let it in.
 */

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
/** German writing: 31.12.2026, 1.2.2026 (a four-digit year, so nothing is ambiguous). */
const GERMAN = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function dayOf(year: number, month: number, day: number): string | undefined {
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** True for `YYYY-MM-DD` text naming a real day (years 0001–9999). */
export function isIsoDay(s: string): boolean {
  const m = ISO.exec(s);
  return !!m && dayOf(Number(m[1]), Number(m[2]), Number(m[3])) !== undefined;
}

/**
 * A day as a person types it: ISO `2026-12-31` (what `<input type="date">`
 * sends) or German `31.12.2026`. Returns the ISO day, or undefined for text
 * that is no real day. Slashed forms (01/02/2026) are refused: the order of
 * day and month differs between English speakers.
 */
export function readDay(input: string): string | undefined {
  const s = input.trim();
  const iso = ISO.exec(s);
  if (iso) return dayOf(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const de = GERMAN.exec(s);
  if (de) return dayOf(Number(de[3]), Number(de[2]), Number(de[1]));
  return undefined;
}

/** zod: a real calendar day, read with `readDay` and given on as `YYYY-MM-DD`. */
export const calendarDay = z
  .string()
  .max(20)
  .transform((v, ctx) => {
    const day = readDay(v);
    if (day === undefined) ctx.addIssue({ code: 'custom', message: 'not a calendar day' });
    return day ?? '';
  });
