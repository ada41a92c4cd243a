/**
 * The ECB publishes its reference rates on TARGET working days: every day
 * except Saturdays, Sundays, New Year's Day, Good Friday, Easter Monday,
 * 1 May and 25 and 26 December (ECB, "Euro foreign exchange reference rates":
 * "updated … on every working day, except on TARGET closing days").
 * Dates are YYYY-MM-DD.
 */
export function isPublicationDay(date: string): boolean {
  const d = utc(date);
  const weekday = d.getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  const md = date.slice(5);
  if (md === '01-01' || md === '05-01' || md === '12-25' || md === '12-26') return false;
  const easter = easterSunday(d.getUTCFullYear());
  return date !== addDays(easter, -2) && date !== addDays(easter, 1);
}

/** The first publication day on or after `date`. */
export function publicationDayOnOrAfter(date: string): string {
  let d = date;
  while (!isPublicationDay(d)) d = addDays(d, 1);
  return d;
}

export function addDays(date: string, days: number): string {
  const d = utc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function utc(date: string): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

/** Easter Sunday of the Gregorian calendar (the anonymous "Meeus/Jones/Butcher" algorithm). */
function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
