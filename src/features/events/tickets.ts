import type { Transaction } from 'kysely';
import type { DB, Db, EventTicket } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { enqueueJob } from '../../jobs/queue.js';
import type { Entitlement, FulfilmentGate } from '../../order-core/entitlements.js';
import { isLocale } from '../../web/i18n.js';
import { translator } from '../../web/messages.js';
import { eventSoldOutRefundJob, eventTicketMailJob } from './job-contracts.js';
import { freeSeats, seatSessionsOf, takeSeats } from './seats.js';
import { offerFreedSeats } from './waitlist.js';

/**
 * A paid order's ticket: the seats its order held become a valid ticket
 * (the email with the calendar invitation follows); a refund, dispute or
 * withdrawal cancels it and frees its seats for the waiting list; a won
 * dispute gives it back if the seats are still free.
 */
export const eventTicketEntitlement: Entitlement = {
  kind: 'event-ticket',
  timelineKey: 'tickets',
  async grant(trx, { order }) {
    let granted = 0;
    for (const ticket of await ticketsOf(trx, order.id, ['held'])) {
      const r = await trx
        .updateTable('event_tickets')
        .set({ status: 'valid', hold_expires_at: null, updated_at: isoNow() })
        .where('id', '=', ticket.id)
        .where('status', '=', 'held')
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) continue;
      await trx
        .updateTable('event_waitlist')
        .set({ status: 'bought', updated_at: isoNow() })
        .where('ticket_id', '=', ticket.id)
        .execute();
      await enqueueJob(
        trx,
        eventTicketMailJob,
        { ticketId: ticket.id, occasion: 'issued' },
        { uniqueKey: `event-ticket-issued:${ticket.id}` },
      );
      granted++;
    }
    return granted;
  },
  async revoke(trx, { order, at }) {
    for (const ticket of await ticketsOf(trx, order.id, ['held', 'valid'])) {
      if (!(await endTicket(trx, ticket, 'cancelled', at))) continue;
      if (ticket.status === 'valid')
        await enqueueJob(
          trx,
          eventTicketMailJob,
          { ticketId: ticket.id, occasion: 'cancelled' },
          { uniqueKey: `event-ticket-cancelled:${ticket.id}:${at}` },
        );
    }
  },
  async restore(trx, { order, revokedAt }) {
    for (const ticket of await ticketsOf(trx, order.id, ['cancelled'])) {
      if (ticket.updated_at !== revokedAt) continue;
      // The seats may have gone to someone else meanwhile: then the ticket stays cancelled.
      if (!(await takeSeats(trx, await seatSessionsOf(trx, ticket.id)))) continue;
      await trx
        .updateTable('event_tickets')
        .set({ status: 'valid', updated_at: isoNow() })
        .where('id', '=', ticket.id)
        .execute();
      await enqueueJob(
        trx,
        eventTicketMailJob,
        { ticketId: ticket.id, occasion: 'issued' },
        { uniqueKey: `event-ticket-restored:${ticket.id}:${revokedAt}` },
      );
    }
  },
  async receiptLinks(db, { order, publicUrl, locale }) {
    const tickets = await ticketsOf(db, order.id, ['valid']);
    const t = translator(isLocale(locale) ? locale : 'en');
    return tickets.map((ticket) => ({
      label: t('events.receipt.ticket'),
      url: `${publicUrl}/events/tickets/${ticket.id}`,
      note: t('events.receipt.note'),
    }));
  },
};

/**
 * An order paid after its hold ran out: if the seats are still free it takes
 * them again and goes on; if they are gone, the order is held, refunded in
 * full by a job and the buyer told why — never a ticket over the capacity.
 */
export const eventSeatsGate: FulfilmentGate = async (trx, order) => {
  for (const ticket of await ticketsOf(trx, order.id, ['released'])) {
    const sessions = await seatSessionsOf(trx, ticket.id);
    if (await takeSeats(trx, sessions)) {
      await trx
        .updateTable('event_tickets')
        .set({ status: 'held', updated_at: isoNow() })
        .where('id', '=', ticket.id)
        .where('status', '=', 'released')
        .execute();
      continue;
    }
    await trx
      .updateTable('event_tickets')
      .set({ status: 'sold_out', updated_at: isoNow() })
      .where('id', '=', ticket.id)
      .where('status', '=', 'released')
      .execute();
    await enqueueJob(trx, eventSoldOutRefundJob, { orderId: order.id }, { uniqueKey: `event-sold-out:${order.id}` });
    return 'hold';
  }
  return 'go';
};

/**
 * Moves a seat-holding ticket to an end status and frees its seats for the
 * waiting list, guarded: true when this call ended it.
 */
export async function endTicket(
  db: Db,
  ticket: Pick<EventTicket, 'id' | 'product_id' | 'status'>,
  to: 'cancelled' | 'released',
  at: string,
): Promise<boolean> {
  const r = await db
    .updateTable('event_tickets')
    .set({ status: to, hold_expires_at: null, updated_at: at })
    .where('id', '=', ticket.id)
    .where('status', '=', ticket.status)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) return false;
  const sessions = await seatSessionsOf(db, ticket.id);
  await freeSeats(db, sessions);
  await offerFreedSeats(db, ticket.product_id, sessions, at);
  return true;
}

export async function ticketsOf(
  db: Db | Transaction<DB>,
  orderId: string,
  statuses: EventTicket['status'][],
): Promise<EventTicket[]> {
  return db
    .selectFrom('event_tickets')
    .selectAll()
    .where('order_id', '=', orderId)
    .where('status', 'in', statuses)
    .execute();
}
