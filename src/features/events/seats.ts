import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db, EventTicket } from '../../db/schema.js';

/**
 * Seats are taken and given back only here, by guarded UPDATEs on the
 * session's counter: `taken + 1 <= capacity` is checked by the database in
 * the same statement that raises it, so no two buyers can both get the last
 * seat (SQLite serialises writers; PostgreSQL re-checks the condition on the
 * row it waited for). A ticket for several sessions takes one seat in each,
 * all or none.
 */
export async function takeSeats(db: Db, sessionIds: readonly string[]): Promise<boolean> {
  // One order of locking for every transaction, so two tickets for the same sessions cannot deadlock.
  const ids = [...new Set(sessionIds)].sort();
  const taken: string[] = [];
  for (const id of ids) {
    const r = await db
      .updateTable('event_seat_counts')
      .set({ taken: sql`taken + 1` })
      .where('session_id', '=', id)
      .where(sql<boolean>`taken + 1 <= capacity`)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) {
      await freeSeats(db, taken);
      return false;
    }
    taken.push(id);
  }
  return true;
}

/** Gives one seat back in each session (the caller has just moved the ticket out of a seat-holding status). */
export async function freeSeats(db: Db, sessionIds: readonly string[]): Promise<void> {
  for (const id of [...new Set(sessionIds)].sort()) {
    await db
      .updateTable('event_seat_counts')
      .set({ taken: sql`taken - 1` })
      .where('session_id', '=', id)
      .where('taken', '>', 0)
      .execute();
  }
}

/** The sessions a ticket admits to. */
export async function seatSessionsOf(db: Db, ticketId: string): Promise<string[]> {
  const rows = await db.selectFrom('event_seats').select('session_id').where('ticket_id', '=', ticketId).execute();
  return rows.map((r) => r.session_id);
}

export type NewTicket = Pick<
  EventTicket,
  'product_id' | 'session_id' | 'ticket_type_id' | 'order_id' | 'email' | 'name' | 'locale' | 'hold_expires_at'
> & { status: 'held' | 'offered' };

/**
 * A holding ticket and its seat rows, for seats the caller has just taken
 * (`takeSeats`); its check-in secret is made here. Returns the ticket's id.
 */
export async function insertHoldingTicket(
  db: Db,
  ticket: NewTicket,
  sessionIds: readonly string[],
  now: string,
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('event_tickets')
    .values({ ...ticket, id, check_in_token: randomBytes(32).toString('base64url'), created_at: now, updated_at: now })
    .execute();
  await db
    .insertInto('event_seats')
    .values(sessionIds.map((session_id) => ({ ticket_id: id, session_id, checked_in_at: null })))
    .execute();
  return id;
}
