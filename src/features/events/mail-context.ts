import type { Db, EventRow, EventSession, EventTicket } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { isLocale, type Locale } from '../../web/i18n.js';
import { translator } from '../../web/messages.js';
import { type MailSetting, mailSetting } from '../email/calendar-invite.js';
import type { EventPlace } from './email-templates.js';
import { buildInvitation, type InvitationMethod } from './ics.js';
import { sessionTimeLabel } from './session-time.js';

/** The ticket page in the customer's library (login required): the only place the meeting link is shown. */
export function ticketUrl(setting: MailSetting, ticketId: string): string {
  return `${setting.publicUrl}/events/tickets/${ticketId}`;
}

/** The attendee's language (from the checkout), else the store's. */
export function localeOf(ticket: Pick<EventTicket, 'locale'>, setting: MailSetting): Locale {
  return isLocale(ticket.locale) ? ticket.locale : setting.locale;
}

/** What the emails say about an event; never its meeting link (not even read). */
export type EventInfo = Pick<EventRow, 'product_id' | 'format' | 'venue'> & { title: string };

export async function findEventInfo(db: Db, productId: string): Promise<EventInfo | undefined> {
  return db
    .selectFrom('events as e')
    .innerJoin('products as p', 'p.id', 'e.product_id')
    .select(['e.product_id', 'e.format', 'e.venue', 'p.title'])
    .where('e.product_id', '=', productId)
    .executeTakeFirst();
}

export function placeOf(event: Pick<EventRow, 'format' | 'venue'>): EventPlace {
  return event.format === 'onsite' ? { format: 'onsite', venue: event.venue } : { format: 'online' };
}

/**
 * The sessions a ticket admits to: its seats; a ticket without seat rows
 * (ended before they were written, or after they were given back) falls
 * back to its chosen session, or every session of the event.
 */
export async function sessionsOfTicket(db: Db, ticket: EventTicket): Promise<EventSession[]> {
  const seated = await db
    .selectFrom('event_sessions as s')
    .innerJoin('event_seats as seat', 'seat.session_id', 's.id')
    .selectAll('s')
    .where('seat.ticket_id', '=', ticket.id)
    .orderBy('s.starts_at')
    .execute();
  if (seated.length > 0) return seated;
  let q = db.selectFrom('event_sessions').selectAll().where('product_id', '=', ticket.product_id);
  if (ticket.session_id) q = q.where('id', '=', ticket.session_id);
  return q.orderBy('starts_at').execute();
}

/** The valid tickets with a seat in a session: who is told about it. */
export async function validTicketsOfSession(db: Db, sessionId: string): Promise<EventTicket[]> {
  return db
    .selectFrom('event_tickets as t')
    .innerJoin('event_seats as seat', 'seat.ticket_id', 't.id')
    .selectAll('t')
    .where('seat.session_id', '=', sessionId)
    .where('t.status', '=', 'valid')
    .orderBy('t.created_at')
    .execute();
}

/** A ticket-wide email (the ticket, its end, the sold-out refund) is claimed with this in place of a session. */
export const WHOLE_TICKET = '';

/**
 * Claims an email's key (ticket, session, occasion) in the caller's
 * transaction, before queueing it there: true once, false on every rerun —
 * the email and its key are committed together or not at all.
 */
export async function claimMail(trx: Db, ticketId: string, sessionId: string, occasion: string): Promise<boolean> {
  const r = await trx
    .insertInto('event_mails')
    .values({ ticket_id: ticketId, session_id: sessionId, occasion, sent_at: isoNow() })
    .onConflict((oc) => oc.columns(['ticket_id', 'session_id', 'occasion']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** A session's time as emails give it: on the store's clock, with the zone's name. */
export function sessionWhen(session: Pick<EventSession, 'starts_at' | 'ends_at'>, locale: Locale, timeZone: string) {
  return sessionTimeLabel(session, locale, timeZone, { zone: true });
}

/** The invitation (REQUEST) or cancellation (CANCEL) of a ticket's sessions, in the attendee's language. */
export function invitationFor(
  setting: MailSetting,
  event: EventInfo,
  ticket: EventTicket,
  sessions: EventSession[],
  method: InvitationMethod,
): string {
  const t = translator(localeOf(ticket, setting));
  const url = ticketUrl(setting, ticket.id);
  return buildInvitation({
    method,
    ticketId: ticket.id,
    sessions,
    title: event.title,
    format: event.format,
    venue: event.venue,
    ticketUrl: url,
    description: t(event.format === 'onsite' ? 'events.mail.calendar.onsite' : 'events.mail.calendar.online', { url }),
    organizer: setting.organizer,
    attendee: { name: ticket.name, email: ticket.email },
    host: setting.host,
  });
}

/** The store's side of an event's emails (shared with every email that carries a calendar entry). */
export { type MailSetting, mailSetting };
