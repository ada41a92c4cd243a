import { sql } from 'kysely';
import { isoNow } from '../../db/time.js';
import { enqueueJob } from '../../jobs/queue.js';
import type { Services } from '../../services.js';
import { recordAudit } from '../admin/audit.js';
import { queueEmail } from '../email/queue-email.js';
import { eventSessionRefundsJob } from './cancel.job-contracts.js';
import { eventSessionChangedJob } from './job-contracts.js';
import { findEventInfo, localeOf, mailSetting, ticketUrl } from './mail-context.js';
import { scheduleReminders } from './reminders.js';

/**
 * The creator's changes to a session that its ticket holders must hear of.
 * Each raises the session's `sequence` (the invitations' SEQUENCE) and
 * enqueues `eventSessionChangedJob` with it in the same transaction; the
 * emails go out from the job (mails.ts), so the request does not wait for
 * them and a crash loses none.
 */

/** Gives a session a new time: new reminders, an updated invitation to every ticket holder. */
export async function moveSession(
  services: Services,
  sessionId: string,
  startsAt: string,
  endsAt: string,
  actor: string,
): Promise<'ok' | 'not-found' | 'cancelled' | 'invalid-range'> {
  const start = Date.parse(startsAt);
  const end = Date.parse(endsAt);
  if (!Number.isFinite(start) || !Number.isFinite(end) || end <= start) return 'invalid-range';
  const times = { starts_at: new Date(start).toISOString(), ends_at: new Date(end).toISOString() };
  const result = await services.database.db.transaction().execute(async (trx) => {
    const session = await trx.selectFrom('event_sessions').selectAll().where('id', '=', sessionId).executeTakeFirst();
    if (!session) return 'not-found' as const;
    if (session.status === 'cancelled') return 'cancelled' as const;
    // Raised in the UPDATE itself: two moves at once get a sequence each (the later time and number win).
    const updated = await trx
      .updateTable('event_sessions')
      .set({ ...times, sequence: sql<number>`sequence + 1`, updated_at: isoNow() })
      .where('id', '=', sessionId)
      .where('status', '=', 'scheduled')
      .returning('sequence')
      .executeTakeFirst();
    if (!updated) return 'cancelled' as const;
    const sequence = Number(updated.sequence);
    await scheduleReminders(trx, { id: sessionId, starts_at: times.starts_at, sequence });
    await enqueueJob(
      trx,
      eventSessionChangedJob,
      { sessionId, sequence },
      { uniqueKey: `event-session-changed:${sessionId}:${sequence}` },
    );
    await recordAudit(trx, actor, 'event.session-moved', {
      productId: session.product_id,
      sessionId,
      from: session.starts_at,
      to: times.starts_at,
    });
    return 'ok' as const;
  });
  if (result === 'ok') services.nudgeWorker();
  return result;
}

/**
 * Cancels a session: its entry is removed from the ticket holders' calendars
 * (METHOD:CANCEL). With `refund`, every paid order whose ticket admits to
 * this session alone is refunded in full by jobs (one per order); the order
 * core's refund then ends the ticket.
 */
export async function cancelSession(
  services: Services,
  sessionId: string,
  opts: { refund: boolean },
  actor: string,
): Promise<'ok' | 'not-found' | 'already-cancelled'> {
  const result = await services.database.db.transaction().execute(async (trx) => {
    const session = await trx.selectFrom('event_sessions').selectAll().where('id', '=', sessionId).executeTakeFirst();
    if (!session) return 'not-found' as const;
    const updated = await trx
      .updateTable('event_sessions')
      .set({ status: 'cancelled', sequence: sql<number>`sequence + 1`, updated_at: isoNow() })
      .where('id', '=', sessionId)
      .where('status', '=', 'scheduled')
      .returning('sequence')
      .executeTakeFirst();
    if (!updated) return 'already-cancelled' as const;
    const sequence = Number(updated.sequence);
    await enqueueJob(
      trx,
      eventSessionChangedJob,
      { sessionId, sequence },
      { uniqueKey: `event-session-changed:${sessionId}:${sequence}` },
    );
    if (opts.refund) {
      await enqueueJob(
        trx,
        eventSessionRefundsJob,
        { sessionId, actor },
        { uniqueKey: `event-session-refunds:${sessionId}` },
      );
    }
    await recordAudit(trx, actor, 'event.session-cancelled', {
      productId: session.product_id,
      sessionId,
      startsAt: session.starts_at,
      refund: opts.refund,
    });
    return 'ok' as const;
  });
  if (result === 'ok') services.nudgeWorker();
  return result;
}

export type AttendeeMessage = { productId: string; sessionId: string | null; subject: string; body: string };

/**
 * The creator's message to the holders of valid tickets (of one session, or
 * of the whole event), as written: one email per person, however many
 * tickets they hold. Returns how many were queued.
 */
export async function messageAttendees(services: Services, input: AttendeeMessage, actor: string): Promise<number> {
  const subject = input.subject.trim();
  const body = input.body.trim();
  if (!subject || !body) return 0;
  const { db } = services.database;
  const event = await findEventInfo(db, input.productId);
  if (!event) return 0;
  let q = db
    .selectFrom('event_tickets as t')
    .selectAll('t')
    .where('t.product_id', '=', input.productId)
    .where('t.status', '=', 'valid');
  if (input.sessionId) {
    const sid = input.sessionId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('event_seats as seat')
          .select('seat.ticket_id')
          .whereRef('seat.ticket_id', '=', 't.id')
          .where('seat.session_id', '=', sid),
      ),
    );
  }
  const tickets = await q.orderBy('t.created_at').execute();
  const firstPerPerson = new Map<string, (typeof tickets)[number]>();
  for (const t of tickets) if (!firstPerPerson.has(t.email.toLowerCase())) firstPerPerson.set(t.email.toLowerCase(), t);
  const setting = await mailSetting(services, db);
  await db.transaction().execute(async (trx) => {
    for (const ticket of firstPerPerson.values()) {
      await queueEmail(trx, {
        to: ticket.email,
        locale: localeOf(ticket, setting),
        template: 'event-message',
        data: { event: event.title, subject, body, ticketUrl: ticketUrl(setting, ticket.id) },
      });
    }
    await recordAudit(trx, actor, 'event.attendees-messaged', {
      productId: input.productId,
      sessionId: input.sessionId,
      subject,
      recipients: firstPerPerson.size,
    });
  });
  if (firstPerPerson.size > 0) services.nudgeWorker();
  return firstPerPerson.size;
}
