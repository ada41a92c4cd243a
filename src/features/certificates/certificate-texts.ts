import { memoize } from '../../domain/memo.js';
import { formatDay } from '../../web/format.js';
import type { Locale } from '../../web/i18n.js';
import { localDay } from '../analytics/time-zone.js';

/** The day a certificate was issued (or revoked), on the store's clock, written for people. */
export function certificateDay(iso: string, timeZone: string, locale: Locale): string {
  return formatDay(localDay(iso, timeZone), locale);
}

const hoursFormat = memoize(
  2,
  (locale) => new Intl.NumberFormat(locale === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 1 }),
);

/** Study time in hours: 90 minutes → "1.5" ("1,5" in German). */
export function studyHours(minutes: number, locale: Locale): string {
  return hoursFormat(locale).format(Math.round(minutes / 6) / 10);
}

/** Where anybody checks a certificate. */
export const verifyPath = (id: string) => `/verify/${id}`;
/** Where its student downloads the PDF (library session). */
export const certificatePdfPath = (id: string) => `/library/certificates/${id}`;
