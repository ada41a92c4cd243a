import type { Kysely } from 'kysely';
import type { DB, EventSession, EventTicket } from '../../db/schema.js';
import type { Services } from '../../services.js';
import { queueEmail } from '../email/queue-email.js';
import {
  claimMail,
  type EventInfo,
  findEventInfo,
  invitationFor,
  localeOf,
  type MailSetting,
  mailSetting,
  placeOf,
  sessionsOfTicket,
  sessionWhen,
  ticketUrl,
  validTicketsOfSession,
  WHOLE_TICKET,
} from './mail-context.js';

/*
 * The emails an event sends on its own: the ticket, its end, the sold-out
 * refund, the reminders and a session's change. Each is claimed in
 * `event_mails` (ticket, session, occasion) in the transaction that queues it,
 * so a rerun, a second worker or a crash in between never sends one twice.
 * Occasions that depend on a session's time carry its sequence: a session
 * moved twice gets two updates, a reminder of an older time none.
 */

export type TicketMailOccasion = 'issued' | 'cancelled' | 'sold-out';

/** The status a ticket must still have for its email to make sense when the job runs. */
const STATUS_FOR: Record<TicketMailOccasion, EventTicket['status']> = {
  issued: 'valid',
  cancelled: 'cancelled',
  'sold-out': 'sold_out',
};

/** The ticket's own emails: true when one was queued, false when there is nothing (more) to send. */
export async function sendTicketMail(services: Services, ticketId: string, occasion: TicketMailOccasion) {
  const { db } = services.database;
  const ticket = await db.selectFrom('event_tickets').selectAll().where('id', '=', ticketId).executeTakeFirst();
  if (!ticket || ticket.status !== STATUS_FOR[occasion]) return false;
  const event = await findEventInfo(db, ticket.product_id);
  if (!event) return false;
  const setting = await mailSetting(services, db);
  if (occasion === 'sold-out') return mailSoldOut(db, ticket, event, setting);
  const sessions = await sessionsOfTicket(db, ticket);
  // A ticket may end and be restored (a dispute won) and end again: each change of status, stamped by
  // `updated_at`, is its own occasion; a rerun of the same one finds it claimed.
  const key = `${occasion === 'issued' ? 'ticket' : 'ticket-cancelled'}:${ticket.updated_at}`;
  return db.transaction().execute(async (trx) => {
    if (!(await claimMail(trx, ticket.id, WHOLE_TICKET, key))) return false;
    const locale = localeOf(ticket, setting);
    if (occasion === 'issued') {
      // A session cancelled before the ticket was paid is not invited to.
      const open = sessions.filter((s) => s.status === 'scheduled');
      await queueEmail(trx, {
        to: ticket.email,
        locale,
        template: 'event-ticket',
        data: {
          event: event.title,
          sessions: open.map((s) => sessionWhen(s, locale, setting.timeZone)),
          place: placeOf(event),
          ticketUrl: ticketUrl(setting, ticket.id),
        },
        ...(open.length > 0 ? { calendar: invitationFor(setting, event, ticket, open, 'REQUEST') } : {}),
      });
    } else {
      // Every session, cancelled ones too: a CANCEL of an entry already gone does no harm.
      await queueEmail(trx, {
        to: ticket.email,
        locale,
        template: 'event-ticket-cancelled',
        data: { event: event.title, sessions: sessions.map((s) => sessionWhen(s, locale, setting.timeZone)) },
        ...(sessions.length > 0 ? { calendar: invitationFor(setting, event, ticket, sessions, 'CANCEL') } : {}),
      });
    }
    return true;
  });
}

async function mailSoldOut(db: Kysely<DB>, ticket: EventTicket, event: EventInfo, setting: MailSetting) {
  const order = ticket.order_id
    ? await db.selectFrom('orders').select('number').where('id', '=', ticket.order_id).executeTakeFirst()
    : undefined;
  return db.transaction().execute(async (trx) => {
    if (!(await claimMail(trx, ticket.id, WHOLE_TICKET, 'sold-out'))) return false;
    await queueEmail(trx, {
      to: ticket.email,
      locale: localeOf(ticket, setting),
      template: 'event-sold-out',
      data: { event: event.title, orderNumber: order?.number ?? '' },
    });
    return true;
  });
}

export type ReminderLead = '24h' | '1h';

/**
 * A reminder to every valid ticket of a session — unless the session moved
 * since it was scheduled (another sequence: the new time has its own), was
 * cancelled, or has started (a worker that was down does not remind late).
 * Returns how many were queued.
 */
export async function sendReminders(
  services: Services,
  p: { sessionId: string; sequence: number; lead: ReminderLead },
  now: Date = new Date(),
): Promise<number> {
  const { db } = services.database;
  const session = await currentSession(db, p.sessionId, p.sequence);
  if (session?.status !== 'scheduled' || Date.parse(session.starts_at) <= now.getTime()) return 0;
  const event = await findEventInfo(db, session.product_id);
  if (!event) return 0;
  const setting = await mailSetting(services, db);
  return eachTicket(db, session, `reminder-${p.lead}:${p.sequence}`, async (trx, ticket) => {
    const locale = localeOf(ticket, setting);
    await queueEmail(trx, {
      to: ticket.email,
      locale,
      template: 'event-reminder',
      data: {
        event: event.title,
        lead: p.lead,
        when: sessionWhen(session, locale, setting.timeZone),
        place: placeOf(event),
        ticketUrl: ticketUrl(setting, ticket.id),
      },
    });
  });
}

/**
 * A session moved (METHOD:REQUEST, same UID, its new SEQUENCE) or was
 * cancelled (METHOD:CANCEL): every valid ticket with a seat in it is told.
 * A change overtaken by a newer one (another sequence) sends nothing; the
 * newer one's job does. Returns how many were queued.
 */
export async function sendSessionChange(services: Services, p: { sessionId: string; sequence: number }) {
  const { db } = services.database;
  const session = await currentSession(db, p.sessionId, p.sequence);
  if (!session) return 0;
  const event = await findEventInfo(db, session.product_id);
  if (!event) return 0;
  const setting = await mailSetting(services, db);
  const cancelled = session.status === 'cancelled';
  const occasion = `${cancelled ? 'cancel' : 'moved'}:${p.sequence}`;
  return eachTicket(db, session, occasion, async (trx, ticket) => {
    const locale = localeOf(ticket, setting);
    const when = sessionWhen(session, locale, setting.timeZone);
    const calendar = invitationFor(setting, event, ticket, [session], cancelled ? 'CANCEL' : 'REQUEST');
    if (cancelled) {
      await queueEmail(trx, {
        to: ticket.email,
        locale,
        template: 'event-session-cancelled',
        data: { event: event.title, when },
        calendar,
      });
      return;
    }
    await queueEmail(trx, {
      to: ticket.email,
      locale,
      template: 'event-session-moved',
      data: { event: event.title, when, place: placeOf(event), ticketUrl: ticketUrl(setting, ticket.id) },
      calendar,
    });
  });
}

/** The session as it is now, if it still has the sequence a job was enqueued with. */
async function currentSession(db: Kysely<DB>, sessionId: string, sequence: number) {
  const s = await db.selectFrom('event_sessions').selectAll().where('id', '=', sessionId).executeTakeFirst();
  return s && s.sequence === sequence ? s : undefined;
}

/** One transaction per ticket (claim + email), so a long list neither holds one lock nor loses work on a crash. */
async function eachTicket(
  db: Kysely<DB>,
  session: EventSession,
  occasion: string,
  queue: (trx: Kysely<DB>, ticket: EventTicket) => Promise<void>,
): Promise<number> {
  let queued = 0;
  for (const ticket of await validTicketsOfSession(db, session.id)) {
    const sent = await db.transaction().execute(async (trx) => {
      if (!(await claimMail(trx, ticket.id, session.id, occasion))) return false;
      await queue(trx, ticket);
      return true;
    });
    if (sent) queued++;
  }
  return queued;
}
