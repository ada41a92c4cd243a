import type { Db, EventRow, EventSession, EventTicket, Product } from '../../db/schema.js';

/** The meeting link shows this long before a session starts, and until it ends. */
export const LINK_LEAD_MS = 15 * 60_000;

export type TicketView = {
  ticket: EventTicket;
  event: EventRow;
  product: Pick<Product, 'title' | 'slug'>;
  sessions: (EventSession & { checked_in_at: string | null })[];
};

/** A ticket with its event and sessions, if it belongs to `email` (no customer sees another's ticket). */
export async function findTicketFor(db: Db, ticketId: string, email: string): Promise<TicketView | undefined> {
  const ticket = await db
    .selectFrom('event_tickets')
    .selectAll()
    .where('id', '=', ticketId)
    .where('email', '=', email)
    .executeTakeFirst();
  if (!ticket) return undefined;
  const event = await db
    .selectFrom('events')
    .selectAll()
    .where('product_id', '=', ticket.product_id)
    .executeTakeFirst();
  const product = await db
    .selectFrom('products')
    .select(['title', 'slug'])
    .where('id', '=', ticket.product_id)
    .executeTakeFirst();
  if (!event || !product) return undefined;
  const sessions = await db
    .selectFrom('event_seats as seat')
    .innerJoin('event_sessions as s', 's.id', 'seat.session_id')
    .selectAll('s')
    .select('seat.checked_in_at')
    .where('seat.ticket_id', '=', ticket.id)
    .orderBy('s.starts_at')
    .execute();
  return { ticket, event, product, sessions };
}

/**
 * Whether the meeting link of a session may be shown: to a valid ticket of an
 * online event, from LINK_LEAD_MS before the start until the end. This is
 * the only place that decides it; no email ever carries the link.
 */
export function meetingLinkOpen(
  view: Pick<TicketView, 'ticket' | 'event'>,
  session: Pick<EventSession, 'starts_at' | 'ends_at' | 'status'>,
  now: Date,
): boolean {
  if (view.ticket.status !== 'valid' || view.event.format !== 'online' || !view.event.meeting_url) return false;
  if (session.status !== 'scheduled') return false;
  const t = now.getTime();
  return t >= Date.parse(session.starts_at) - LINK_LEAD_MS && t < Date.parse(session.ends_at);
}

/** The customer's tickets worth listing: paid ones, newest event first. */
export async function listCustomerTickets(db: Db, email: string) {
  return db
    .selectFrom('event_tickets as t')
    .innerJoin('products as p', 'p.id', 't.product_id')
    .select(['t.id', 't.status', 'p.title'])
    .select((eb) =>
      eb
        .selectFrom('event_seats as seat')
        .innerJoin('event_sessions as s', 's.id', 'seat.session_id')
        .select((e) => e.fn.min('s.starts_at').as('first'))
        .whereRef('seat.ticket_id', '=', 't.id')
        .as('first_start'),
    )
    .where('t.email', '=', email)
    .where('t.status', '=', 'valid')
    .orderBy('t.created_at', 'desc')
    .execute();
}
