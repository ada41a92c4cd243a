import { memoize } from '../domain/memo.js';

/**
 * "2.4 MB" / "2,4 MB" in binary steps (1 KB = 1024 bytes), so a 2048 MB upload
 * limit reads "2 GB" just as it was configured. The one size format of the app.
 */
export function formatFileSize(bytes: number, locale: string): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${numberFormat(`${locale === 'de' ? 'de-DE' : 'en-GB'}|${digits}`).format(value)} ${units[unit]}`;
}

const numberFormat = memoize(16, (key) => {
  const [tag, digits] = key.split('|');
  return new Intl.NumberFormat(tag, { maximumFractionDigits: Number(digits), minimumFractionDigits: 0 });
});

/**
 * A calendar day ("2026-12-06", or the day of an ISO time as stored) for
 * people: "06.12.2026" in German, "6 Dec 2026" in English. The day as written,
 * not moved to any zone; text that is no day is returned as it is.
 */
export function formatDay(day: string, locale: string): string {
  const date = new Date(`${day.slice(0, 10)}T12:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}/.test(day) || Number.isNaN(date.getTime())) return day;
  return dayFormat(locale === 'de' ? 'de-DE' : 'en-GB').format(date);
}

const dayFormat = memoize(4, (tag) => new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: 'UTC' }));
