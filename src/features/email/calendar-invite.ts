import { createRequire } from 'node:module';
import type * as IcalGenerator from 'ical-generator';
import type { Db } from '../../db/schema.js';
import type { Services } from '../../services.js';
import type { Locale } from '../../web/i18n.js';
import { getStoreSettings } from '../settings/store-settings.js';

/**
 * Calendar entries the store sends or publishes (iCalendar, RFC 5545/5546):
 * the invitations of events and bookings (METHOD:REQUEST / CANCEL, carried by
 * an email's `calendar` option) and read-only feeds (no METHOD). The store is
 * the organiser; times are UTC, so the reader's calendar shows them in its
 * own zone. A UID never changes for one entry: a mail program replaces the
 * entry on a higher SEQUENCE and removes it on CANCEL.
 */

// Loaded with the first calendar built, not at start (like the other libraries only some work needs).
const load = createRequire(import.meta.url);
let lib: typeof IcalGenerator | undefined;
const icalGenerator = (): typeof IcalGenerator => (lib ??= load('ical-generator') as typeof IcalGenerator);

export type InvitationMethod = 'REQUEST' | 'CANCEL';

export type Person = { name: string; email: string };

export type CalendarEntry = {
  uid: string;
  sequence: number;
  /** ISO-8601 UTC. */
  start: string;
  end: string;
  summary: string;
  description: string;
  location: string | null;
  url?: string | null;
  cancelled: boolean;
  /** Who the entry is for (an invitation's recipient); accepted already: no reply is asked for. */
  attendee?: Person | undefined;
};

export type CalendarOptions = {
  /** REQUEST / CANCEL for an invitation sent by email; none for a subscribed feed. */
  method?: InvitationMethod | undefined;
  /** PRODID's product ("Events", "Bookings"). */
  product: string;
  /** A feed's name (X-WR-CALNAME). */
  name?: string | undefined;
  organizer: Person;
  entries: readonly CalendarEntry[];
  /** DTSTAMP: when this was made (pass a fixed time for a reproducible file). */
  stamp?: Date | undefined;
};

/** The iCalendar text of some entries: an invitation (with METHOD) or a feed. */
export function buildCalendar(opts: CalendarOptions): string {
  const { default: ical, ICalCalendarMethod, ICalEventStatus, ICalAttendeeRole, ICalAttendeeStatus } = icalGenerator();
  const calendar = ical({
    prodId: { company: 'Vielfach', product: opts.product, language: 'EN' },
    ...(opts.method
      ? { method: opts.method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST }
      : {}),
    ...(opts.name ? { name: opts.name } : {}),
  });
  const stamp = opts.stamp ?? new Date();
  for (const e of opts.entries) {
    calendar.createEvent({
      id: e.uid,
      sequence: e.sequence,
      start: new Date(e.start),
      end: new Date(e.end),
      stamp,
      summary: e.summary,
      description: e.description,
      location: e.location || null,
      url: e.url ?? null,
      status: e.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      organizer: opts.organizer,
      attendees: e.attendee
        ? [
            {
              email: e.attendee.email,
              name: e.attendee.name || null,
              role: ICalAttendeeRole.REQ,
              status: ICalAttendeeStatus.ACCEPTED, // the payment is the acceptance: no reply is asked for
              rsvp: false,
            },
          ]
        : [],
    });
  }
  return calendar.toString();
}

/** A postal address on one line ("Backstube, Lindenstr. 3, 10969 Berlin"), as calendars show LOCATION. */
export function addressLine(address: string): string {
  return address
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .join(', ');
}

/** The address part of a From line: "Laden <shop@laden.example>" → shop@laden.example. */
export function senderAddress(from: string): string {
  return (/<([^>]+)>/.exec(from)?.[1] ?? from).trim();
}

/** What every email with a calendar entry needs from the store: where it lives, who sends, its clock. */
export type MailSetting = {
  publicUrl: string;
  host: string;
  organizer: Person;
  timeZone: string;
  locale: Locale;
};

export async function mailSetting(services: Services, db: Db): Promise<MailSetting> {
  const store = await getStoreSettings(db);
  const { publicUrl, emailFrom } = services.config;
  return {
    publicUrl,
    host: new URL(publicUrl).host,
    organizer: { name: store.storeName, email: senderAddress(emailFrom) },
    timeZone: store.timeZone,
    locale: store.locale,
  };
}
