import type { EventSession } from '../../db/schema.js';

const formats = new Map<string, Intl.DateTimeFormat>();

function rangeFormat(locale: string, timeZone: string, zone: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${zone}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      ...(zone ? { timeZoneName: 'short' as const } : {}),
      timeZone,
    });
    formats.set(key, f);
  }
  return f;
}

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
  return rangeFormat(locale, timeZone, opts.zone === true).formatRange(
    new Date(session.starts_at),
    new Date(session.ends_at),
  );
}
