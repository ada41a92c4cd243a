import type { Translate } from '../../web/messages.js';
import type { EmailContent, TemplateFn } from '../email/template-types.js';

/*
 * The events feature's emails. Times arrive formatted (the store's time zone,
 * the reader's language); nothing here ever gets the meeting link: an online
 * event's emails point to the ticket page, which shows it shortly before the
 * start.
 */

/** Where the event takes place, as an email says it. */
export type EventPlace = { format: 'online' } | { format: 'onsite'; venue: string };

export type TicketEmailData = { event: string; sessions: string[]; place: EventPlace; ticketUrl: string };
export type TicketCancelledEmailData = { event: string; sessions: string[] };
export type SoldOutEmailData = { event: string; orderNumber: string };
export type ReminderEmailData = {
  event: string;
  lead: '24h' | '1h';
  when: string;
  place: EventPlace;
  ticketUrl: string;
};
export type SessionMovedEmailData = { event: string; when: string; place: EventPlace; ticketUrl: string };
export type SessionCancelledEmailData = { event: string; when: string };
/** The creator's own message to the attendees: subject and plain text as written. */
export type AttendeeMessageEmailData = { event: string; subject: string; body: string; ticketUrl: string };

function placeLine(t: Translate, place: EventPlace): string {
  if (place.format === 'online') return t('events.mail.online');
  return t('events.mail.where', { venue: place.venue.split(/\r?\n/).filter(Boolean).join(', ') });
}

function openTicket(t: Translate, url: string): EmailContent['action'] {
  return { label: t('events.mail.openTicket'), url };
}

/** The creator's text: paragraphs at blank lines (the HTML escapes it; no Markdown, no links added). */
function paragraphsOf(body: string): string[] {
  return body
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/** Emails of this feature, by name; registered from the feature list. */
export const eventsEmailTemplates = {
  /** A ticket was paid: the dates, the place and an invitation (.ics) for each session. */
  'event-ticket': ((t, d: TicketEmailData) => ({
    subject: t('events.mail.ticket.subject', { event: d.event }),
    heading: t('events.mail.ticket.heading'),
    paragraphs: [
      t('events.mail.ticket.body', { event: d.event }),
      t('events.mail.when'),
      ...d.sessions.map((s) => `• ${s}`),
      placeLine(t, d.place),
      t('events.mail.ticket.calendar'),
    ],
    action: openTicket(t, d.ticketUrl),
  })) satisfies TemplateFn<TicketEmailData>,
  /** The ticket ended (refund, withdrawal, dispute): a CANCEL for each session. */
  'event-ticket-cancelled': ((t, d: TicketCancelledEmailData) => ({
    subject: t('events.mail.cancelled.subject', { event: d.event }),
    heading: t('events.mail.cancelled.heading'),
    paragraphs: [
      t('events.mail.cancelled.body', { event: d.event }),
      ...d.sessions.map((s) => `• ${s}`),
      t('events.mail.cancelled.calendar'),
    ],
  })) satisfies TemplateFn<TicketCancelledEmailData>,
  /** Paid after the last seat was gone: no ticket, the payment refunded in full. */
  'event-sold-out': ((t, d: SoldOutEmailData) => ({
    subject: t('events.mail.soldOut.subject', { event: d.event }),
    heading: t('events.mail.soldOut.heading'),
    paragraphs: [
      t('events.mail.soldOut.body', { event: d.event, number: d.orderNumber }),
      t('events.mail.soldOut.refund'),
    ],
  })) satisfies TemplateFn<SoldOutEmailData>,
  /** 24 hours or one hour before a session. */
  'event-reminder': ((t, d: ReminderEmailData) => ({
    subject: t(`events.mail.reminder.subject.${d.lead}`, { event: d.event }),
    heading: t('events.mail.reminder.heading'),
    paragraphs: [t(`events.mail.reminder.body.${d.lead}`, { event: d.event }), `• ${d.when}`, placeLine(t, d.place)],
    action: openTicket(t, d.ticketUrl),
  })) satisfies TemplateFn<ReminderEmailData>,
  /** A session has a new time: the update (same UID, higher SEQUENCE) is attached. */
  'event-session-moved': ((t, d: SessionMovedEmailData) => ({
    subject: t('events.mail.moved.subject', { event: d.event }),
    heading: t('events.mail.moved.heading'),
    paragraphs: [
      t('events.mail.moved.body', { event: d.event }),
      `• ${d.when}`,
      placeLine(t, d.place),
      t('events.mail.moved.calendar'),
    ],
    action: openTicket(t, d.ticketUrl),
  })) satisfies TemplateFn<SessionMovedEmailData>,
  /** A session was cancelled: the CANCEL is attached. */
  'event-session-cancelled': ((t, d: SessionCancelledEmailData) => ({
    subject: t('events.mail.sessionCancelled.subject', { event: d.event, date: d.when }),
    heading: t('events.mail.sessionCancelled.heading'),
    paragraphs: [
      t('events.mail.sessionCancelled.body', { event: d.event }),
      `• ${d.when}`,
      t('events.mail.sessionCancelled.calendar'),
    ],
  })) satisfies TemplateFn<SessionCancelledEmailData>,
  /** The creator wrote to the attendees. */
  'event-message': ((t, d: AttendeeMessageEmailData) => ({
    subject: d.subject,
    heading: d.subject,
    paragraphs: paragraphsOf(d.body),
    action: openTicket(t, d.ticketUrl),
    note: t('events.mail.message.note', { event: d.event }),
  })) satisfies TemplateFn<AttendeeMessageEmailData>,
} as const;

// Adds these templates to the app's TemplateName type (the templates are registered from the feature list).
declare module '../email/templates.js' {
  interface FeatureEmailTemplates {
    events: typeof eventsEmailTemplates;
  }
}
