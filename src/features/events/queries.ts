import type { Db, EventRow, EventSession, EventTicketType } from '../../db/schema.js';

export type SessionWithSeats = EventSession & { capacity: number; taken: number };

export async function findEvent(db: Db, productId: string): Promise<EventRow | undefined> {
  return db.selectFrom('events').selectAll().where('product_id', '=', productId).executeTakeFirst();
}

/** The event's sessions by start, with their seats. */
export async function listSessions(db: Db, productId: string): Promise<SessionWithSeats[]> {
  return db
    .selectFrom('event_sessions as s')
    .innerJoin('event_seat_counts as c', 'c.session_id', 's.id')
    .selectAll('s')
    .select(['c.capacity', 'c.taken'])
    .where('s.product_id', '=', productId)
    .orderBy('s.starts_at')
    .execute();
}

export async function listTicketTypes(db: Db, productId: string): Promise<EventTicketType[]> {
  return db
    .selectFrom('event_ticket_types')
    .selectAll()
    .where('product_id', '=', productId)
    .orderBy('position')
    .orderBy('created_at')
    .execute();
}
