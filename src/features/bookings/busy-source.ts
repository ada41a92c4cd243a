import type ICALModule from 'ical.js';
import { isTimeZone } from '../analytics/time-zone.js';
import type { BusyBlock } from './slot-types.js';
import { wallInstant } from './slots.js';

/**
 * Busy time from the creator's other calendar, so their other appointments
 * block slots.
 *
 * The contract of a `BusySource`:
 * - `busy(fromIso, toIso)` returns the times in [from, to) the creator is not
 *   free, as UTC blocks (ISO-8601 text, start < end); blocks may overlap each
 *   other, reach outside the range, or be none at all.
 * - It never throws and never hangs: a calendar that cannot be read (down,
 *   slow, malformed) is logged and counts as no extra busy time, so booking
 *   goes on. The bookings' own blocks stay the guard against double booking;
 *   an appointment missed this way is the creator's to move.
 * - It may answer from a cache (the iCalendar reader keeps a feed 5 minutes),
 *   so an appointment entered elsewhere can take that long to block slots.
 *
 * One implementation reads a read-only iCalendar address (the "secret address
 * in iCal format" Google, Apple and Outlook calendars give). A CalDAV source
 * (e.g. with tsdav: a free-busy REPORT or the calendar's events in the range)
 * fits behind the same interface; it is not built, since the iCal address
 * needs no password stored in the store.
 */
export type BusySource = { busy(fromIso: string, toIso: string): Promise<BusyBlock[]> };

/** No other calendar. */
export const NO_BUSY_SOURCE: BusySource = { busy: async () => [] };

/** The setting holding the iCalendar address ('' or absent: none). */
export const CALENDAR_URL_KEY = 'bookings.calendar_url';

export const CACHE_MS = 5 * 60_000;
const FAILURE_CACHE_MS = 60_000; // a calendar that is down is retried after a minute, not on every page
const MAX_OCCURRENCES = 50_000; // per recurring event (expanded from its first): a guard against endless rules

type Log = { warn(obj: object, msg: string): void };
type Options = {
  url: string;
  /** The store's zone: all-day and floating times are read on its clock. */
  timeZone: string;
  log?: Log;
  timeoutMs?: number;
  now?: () => number;
};

const cache = new Map<string, { at: number; ttl: number; calendar: ICALModule.Component | undefined }>();

/** Forgets every cached feed (tests, and when the address changes). */
export function clearBusyCache(): void {
  cache.clear();
}

/** ical.js, loaded with the first calendar read (a store without a busy calendar never needs it). */
let ICAL: typeof ICALModule;

/** A busy source reading an iCalendar feed over HTTP(S); the admin page only accepts https addresses. */
export function icsBusySource(opts: Options): BusySource {
  const now = opts.now ?? Date.now;
  const load = async (): Promise<ICALModule.Component | undefined> => {
    const hit = cache.get(opts.url);
    if (hit && now() - hit.at < hit.ttl) return hit.calendar;
    let calendar: ICALModule.Component | undefined;
    try {
      ICAL ??= (await import('ical.js')).default;
      const res = await fetch(opts.url, {
        signal: AbortSignal.timeout(opts.timeoutMs ?? 8000),
        headers: { accept: 'text/calendar' },
        redirect: 'follow',
      });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      calendar = new ICAL.Component(ICAL.parse(await res.text()) as unknown[]);
    } catch (err) {
      opts.log?.warn({ err: String(err), host: safeHost(opts.url) }, 'calendar for busy times could not be read');
    }
    cache.set(opts.url, { at: now(), ttl: calendar ? CACHE_MS : FAILURE_CACHE_MS, calendar });
    return calendar;
  };
  return {
    async busy(fromIso, toIso) {
      const calendar = await load();
      if (!calendar) return [];
      try {
        return expandBusy(calendar, Date.parse(fromIso), Date.parse(toIso), opts.timeZone);
      } catch (err) {
        opts.log?.warn({ err: String(err), host: safeHost(opts.url) }, 'calendar for busy times could not be expanded');
        return [];
      }
    },
  };
}

function safeHost(url: string): string {
  try {
    return new URL(url).host; // never the path: it is the calendar's secret
  } catch {
    return '?';
  }
}

/** An iCalendar time as an instant: UTC, an IANA zone by Intl, a calendar's own VTIMEZONE, or the store's clock. */
function instantOf(t: ICALModule.Time, tzid: string | undefined, storeZone: string): number {
  const day = `${String(t.year).padStart(4, '0')}-${String(t.month).padStart(2, '0')}-${String(t.day).padStart(2, '0')}`;
  if (t.isDate) return wallInstant(day, 0, storeZone);
  if (t.zone === ICAL.Timezone.utcTimezone) return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
  const minute = t.hour * 60 + t.minute;
  if (tzid && isTimeZone(tzid)) return wallInstant(day, minute, tzid) + t.second * 1000;
  if (tzid && t.zone && t.zone.tzid === tzid) return t.toUnixTime() * 1000;
  return wallInstant(day, minute, storeZone) + t.second * 1000;
}

/** The busy blocks of a parsed calendar in [from, to): recurring events expanded, free and cancelled ones left out. */
export function expandBusy(calendar: ICALModule.Component, from: number, to: number, storeZone: string): BusyBlock[] {
  for (const zone of calendar.getAllSubcomponents('vtimezone')) {
    const tzid = zone.getFirstPropertyValue('tzid');
    if (typeof tzid === 'string' && !ICAL.TimezoneService.has(tzid)) ICAL.TimezoneService.register(zone);
  }
  const vevents = calendar.getAllSubcomponents('vevent');
  const exceptions = vevents.filter((v) => v.hasProperty('recurrence-id'));
  const out: BusyBlock[] = [];
  const add = (vevent: ICALModule.Component, start: ICALModule.Time, end: ICALModule.Time) => {
    if (String(vevent.getFirstPropertyValue('transp') ?? '').toUpperCase() === 'TRANSPARENT') return;
    if (String(vevent.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED') return;
    const tzid = (p: string) => {
      const v = vevent.getFirstProperty(p)?.getParameter('tzid');
      return typeof v === 'string' ? v : undefined;
    };
    const s = instantOf(start, tzid('dtstart'), storeZone);
    const e = instantOf(end, tzid('dtend') ?? tzid('dtstart'), storeZone);
    if (s < e && s < to && from < e) out.push({ start: new Date(s).toISOString(), end: new Date(e).toISOString() });
  };

  for (const vevent of vevents) {
    if (vevent.hasProperty('recurrence-id')) continue; // handled with its series
    const event = new ICAL.Event(vevent);
    const uid = event.uid;
    for (const x of exceptions) if (x.getFirstPropertyValue('uid') === uid) event.relateException(x);
    if (!event.isRecurring()) {
      add(vevent, event.startDate, event.endDate);
      continue;
    }
    const it = event.iterator();
    for (let n = 0, next = it.next(); next && n < MAX_OCCURRENCES; next = it.next(), n++) {
      const d = event.getOccurrenceDetails(next);
      const src = d.item.component;
      const start = instantOf(d.startDate, undefined, 'UTC'); // rough, only to stop the loop
      if (start - 2 * 86_400_000 >= to) break;
      add(src, d.startDate, d.endDate);
    }
  }
  return out;
}
