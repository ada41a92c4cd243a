import type { EventSession } from '../../db/schema.js';
import { formatTimeRange, isLocale } from '../../web/i18n.js';

/**
 * "Sat, 12 Dec 2026, 10:00 – 13:00" in the store's time zone (the end's date
 * only when it differs). With `zone`, the zone's short name follows ("CET"):
 * for emails, which an attendee may read elsewhere.
 */
export function sessionTimeLabel(
  session: Pick<EventSession, 'starts_at' | 'ends_at'>,
  locale: string,
  timeZone: string,
  opts: { zone?: boolean } = {},
): string {
  return formatTimeRange(session.starts_at, session.ends_at, isLocale(locale) ? locale : 'en', timeZone, opts);
}
