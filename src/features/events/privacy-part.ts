import { sql } from 'kysely';
import type { PrivacyPart } from '../privacy/privacy-part.js';

/**
 * Tickets and waiting-list entries under the subject's address. Exported
 * with their event and dates. On erasure the waiting-list entries go; tickets
 * stay as the orders behind them stay (and keep their seats, which were
 * paid for), but lose the name and address: the attendee list then shows
 * an erased attendee.
 */
export const eventsPrivacyPart: PrivacyPart = {
  export: async (db, { address }) => ({
    eventTickets: await db
      .selectFrom('event_tickets as t')
      .innerJoin('products as p', 'p.id', 't.product_id')
      .select(['p.title as event', 't.name', 't.status', 't.created_at'])
      .select((eb) =>
        eb
          .selectFrom('event_seats as seat')
          .innerJoin('event_sessions as s', 's.id', 'seat.session_id')
          .select((e) => e.fn.min('s.starts_at').as('f'))
          .whereRef('seat.ticket_id', '=', 't.id')
          .as('first_session'),
      )
      .where('t.email', '=', address)
      .execute(),
    eventWaitlist: await db
      .selectFrom('event_waitlist as w')
      .innerJoin('products as p', 'p.id', 'w.product_id')
      .select(['p.title as event', 'w.name', 'w.status', 'w.created_at'])
      .where('w.email', '=', address)
      .execute(),
  }),
  erase: async (trx, address, now) => {
    const waitlist = await trx.deleteFrom('event_waitlist').where('email', '=', address).executeTakeFirst();
    const tickets = await trx
      .updateTable('event_tickets')
      .set({ email: sql<string>`'erased:' || id`, name: '', updated_at: now })
      .where('email', '=', address)
      .executeTakeFirst();
    return { eventWaitlist: Number(waitlist.numDeletedRows), eventTickets: Number(tickets.numUpdatedRows) };
  },
};
