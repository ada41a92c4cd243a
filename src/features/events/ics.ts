import { createRequire } from 'node:module';
import type * as IcalGenerator from 'ical-generator';
import type { EventFormat, EventSession } from '../../db/schema.js';

/**
 * The calendar entries a ticket holder gets by email (iCalendar, RFC 5545/5546).
 * One VEVENT per (ticket, session) with a UID that never changes, so a mail
 * program replaces its entry when a session moves (a higher SEQUENCE) and
 * removes it on METHOD:CANCEL. Times are UTC; the reader's calendar shows
 * them in its own zone.
 *
 * An online event's LOCATION and URL are the ticket page, never the meeting
 * link: the link is shown on that page only shortly before the start, and an
 * invitation is forwarded, synced and kept far longer than that.
 */

// Loaded with the first invitation built, not at start (like the other libraries only some work needs).
const load = createRequire(import.meta.url);
let lib: typeof IcalGenerator | undefined;
const icalGenerator = (): typeof IcalGenerator => (lib ??= load('ical-generator') as typeof IcalGenerator);

export type InvitationMethod = 'REQUEST' | 'CANCEL';

export type Invitation = {
  /** REQUEST: add or update the entries; CANCEL: remove them. */
  method: InvitationMethod;
  ticketId: string;
  sessions: Pick<EventSession, 'id' | 'starts_at' | 'ends_at' | 'sequence'>[];
  /** The event's title (the product's). */
  title: string;
  format: EventFormat;
  /** On site: the address (several lines). */
  venue: string;
  /** `<publicUrl>/events/tickets/<ticketId>`: where the attendee finds the ticket (and, online, the link). */
  ticketUrl: string;
  /** In the attendee's language: where to find the meeting link or the ticket. */
  description: string;
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
  /** The host of the store's public URL: the right-hand part of each UID. */
  host: string;
  /** DTSTAMP: when this message was made (pass a fixed time for a reproducible file). */
  stamp?: Date;
};

/** The entry's UID: the same for one ticket's seat in one session, whatever changes later. */
export function invitationUid(ticketId: string, sessionId: string, host: string): string {
  return `${ticketId}.${sessionId}@${host}`;
}

/** The iCalendar text of an invitation (or its cancellation) for one ticket's sessions. */
export function buildInvitation(inv: Invitation): string {
  const { default: ical, ICalCalendarMethod, ICalEventStatus, ICalAttendeeRole, ICalAttendeeStatus } = icalGenerator();
  const cancel = inv.method === 'CANCEL';
  const calendar = ical({
    prodId: { company: 'Vielfach', product: 'Events', language: 'EN' },
    method: cancel ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  const location = inv.format === 'onsite' ? venueLine(inv.venue) : inv.ticketUrl;
  for (const s of inv.sessions) {
    calendar.createEvent({
      id: invitationUid(inv.ticketId, s.id, inv.host),
      sequence: s.sequence,
      start: new Date(s.starts_at),
      end: new Date(s.ends_at),
      stamp: inv.stamp ?? new Date(),
      summary: inv.title,
      description: inv.description,
      location: location || null,
      url: inv.ticketUrl,
      status: cancel ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      organizer: inv.organizer,
      attendees: [
        {
          email: inv.attendee.email,
          name: inv.attendee.name || null,
          role: ICalAttendeeRole.REQ,
          status: ICalAttendeeStatus.ACCEPTED, // the ticket is the acceptance: no reply is asked for
          rsvp: false,
        },
      ],
    });
  }
  return calendar.toString();
}

/** A postal address on one line ("Backstube, Lindenstr. 3, 10969 Berlin"), as calendars show LOCATION. */
function venueLine(venue: string): string {
  return venue
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .join(', ');
}

/** The address part of a From line: "Laden <shop@laden.example>" → shop@laden.example. */
export function senderAddress(from: string): string {
  return (/<([^>]+)>/.exec(from)?.[1] ?? from).trim();
}
