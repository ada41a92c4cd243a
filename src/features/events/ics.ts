import type { EventFormat, EventSession } from '../../db/schema.js';
import { addressLine, buildCalendar, type InvitationMethod } from '../email/calendar-invite.js';

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

export type { InvitationMethod };

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
  const cancel = inv.method === 'CANCEL';
  const location = inv.format === 'onsite' ? addressLine(inv.venue) : inv.ticketUrl;
  return buildCalendar({
    method: inv.method,
    product: 'Events',
    organizer: inv.organizer,
    stamp: inv.stamp,
    entries: inv.sessions.map((s) => ({
      uid: invitationUid(inv.ticketId, s.id, inv.host),
      sequence: s.sequence,
      start: s.starts_at,
      end: s.ends_at,
      summary: inv.title,
      description: inv.description,
      location,
      url: inv.ticketUrl,
      cancelled: cancel,
      attendee: inv.attendee,
    })),
  });
}
