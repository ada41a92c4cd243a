import type { Db, EventSession, ProductStatus, TicketStatus } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { CSV_BOM, csvLine } from '../orders/csv.js';
import { utcToLocalInput } from '../posts/local-time.js';

/** What the creator reads about an event's sessions and the people holding tickets. */

/** Tickets that stand for an attendee: paid, or paid and ended (kept in the list with their status). */
export const ATTENDEE_STATUSES = ['valid', 'cancelled', 'sold_out'] as const satisfies readonly TicketStatus[];
export type AttendeeStatus = (typeof ATTENDEE_STATUSES)[number];

export type EventListRow = {
  product_id: string;
  title: string;
  status: ProductStatus;
  next_start: string | null;
  sold: number;
  capacity: number;
};

/** Every event, with its next session and seats sold of the capacity of its scheduled sessions. */
export async function listEvents(db: Db, now = isoNow()): Promise<EventListRow[]> {
  const rows = await db
    .selectFrom('events as e')
    .innerJoin('products as p', 'p.id', 'e.product_id')
    .select(['e.product_id', 'p.title', 'p.status'])
    .select((eb) => [
      eb
        .selectFrom('event_sessions as s')
        .select((x) => x.fn.min('s.starts_at').as('m'))
        .whereRef('s.product_id', '=', 'e.product_id')
        .where('s.status', '=', 'scheduled')
        .where('s.starts_at', '>', now)
        .as('next_start'),
      eb
        .selectFrom('event_seats as st')
        .innerJoin('event_tickets as t', 't.id', 'st.ticket_id')
        .innerJoin('event_sessions as s', 's.id', 'st.session_id')
        .select((x) => x.fn.countAll<number>().as('n'))
        .whereRef('s.product_id', '=', 'e.product_id')
        .where('s.status', '=', 'scheduled')
        .where('t.status', '=', 'valid')
        .as('sold'),
      eb
        .selectFrom('event_seat_counts as c')
        .innerJoin('event_sessions as s', 's.id', 'c.session_id')
        .select((x) => x.fn.sum<number>('c.capacity').as('n'))
        .whereRef('s.product_id', '=', 'e.product_id')
        .where('s.status', '=', 'scheduled')
        .as('capacity'),
    ])
    .orderBy('p.title')
    .execute();
  return rows.map((r) => ({
    ...r,
    next_start: r.next_start ?? null,
    sold: Number(r.sold ?? 0),
    capacity: Number(r.capacity ?? 0),
  }));
}

export type SessionRow = EventSession & { capacity: number; taken: number; seats: number; checked_in: number };

/** An event's sessions in time order, with their counters, seats issued and check-ins. */
export async function listSessionRows(db: Db, productId: string): Promise<SessionRow[]> {
  const rows = await db
    .selectFrom('event_sessions as s')
    .innerJoin('event_seat_counts as c', 'c.session_id', 's.id')
    .selectAll('s')
    .select(['c.capacity', 'c.taken'])
    .select((eb) => [
      eb
        .selectFrom('event_seats as st')
        .select((x) => x.fn.countAll<number>().as('n'))
        .whereRef('st.session_id', '=', 's.id')
        .as('seats'),
      eb
        .selectFrom('event_seats as st')
        .select((x) => x.fn.countAll<number>().as('n'))
        .whereRef('st.session_id', '=', 's.id')
        .where('st.checked_in_at', 'is not', null)
        .as('checked_in'),
    ])
    .where('s.product_id', '=', productId)
    .orderBy('s.starts_at')
    .execute();
  return rows.map((r) => ({
    ...r,
    capacity: Number(r.capacity),
    taken: Number(r.taken),
    seats: Number(r.seats ?? 0),
    checked_in: Number(r.checked_in ?? 0),
  }));
}

export type AttendeeSeat = { session_id: string; starts_at: string; checked_in_at: string | null };
export type AttendeeRow = {
  id: string;
  name: string;
  email: string;
  status: AttendeeStatus;
  ticket_type: string | null;
  order_id: string | null;
  order_number: string | null;
  seats: AttendeeSeat[];
};

/** The event's attendees (oldest ticket first), optionally only those admitted to one session. */
export async function listAttendees(db: Db, productId: string, sessionId?: string): Promise<AttendeeRow[]> {
  const tickets = await db
    .selectFrom('event_tickets as t')
    .leftJoin('event_ticket_types as tt', 'tt.id', 't.ticket_type_id')
    .leftJoin('orders as o', 'o.id', 't.order_id')
    .select([
      't.id',
      't.name',
      't.email',
      't.status',
      'tt.name as ticket_type',
      't.order_id',
      'o.number as order_number',
    ])
    .where('t.product_id', '=', productId)
    .where('t.status', 'in', ATTENDEE_STATUSES)
    .$if(sessionId !== undefined, (q) =>
      q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('event_seats as st')
            .select('st.ticket_id')
            .whereRef('st.ticket_id', '=', 't.id')
            .where('st.session_id', '=', sessionId as string),
        ),
      ),
    )
    .orderBy('t.created_at')
    .orderBy('t.id')
    .execute();
  const seats =
    tickets.length === 0
      ? []
      : await db
          .selectFrom('event_seats as st')
          .innerJoin('event_sessions as s', 's.id', 'st.session_id')
          .select(['st.ticket_id', 'st.session_id', 's.starts_at', 'st.checked_in_at'])
          .where('s.product_id', '=', productId)
          .$if(sessionId !== undefined, (q) => q.where('st.session_id', '=', sessionId as string))
          .orderBy('s.starts_at')
          .execute();
  const byTicket = new Map<string, AttendeeSeat[]>();
  for (const s of seats) {
    const list = byTicket.get(s.ticket_id) ?? [];
    list.push({ session_id: s.session_id, starts_at: s.starts_at, checked_in_at: s.checked_in_at });
    byTicket.set(s.ticket_id, list);
  }
  return tickets.map((t) => ({ ...t, status: t.status as AttendeeStatus, seats: byTicket.get(t.id) ?? [] }));
}

/** The store clock's "2026-10-20 10:00" (a spreadsheet sorts it and a person reads it). */
const localText = (iso: string | null, timeZone: string) =>
  iso ? utcToLocalInput(iso, timeZone).replace('T', ' ') : '';

/**
 * The attendee list as CSV, one line per attendee and session (a check-in
 * sheet); times on the store's clock. Cells a spreadsheet would run as a
 * formula are escaped (`csvCell`).
 */
export function attendeesCsv(rows: AttendeeRow[], timeZone: string): string {
  const head = csvLine([
    'name',
    'email',
    'ticket_type',
    'status',
    'order_number',
    `session_start (${timeZone})`,
    `checked_in_at (${timeZone})`,
  ]);
  const lines = rows.flatMap((r) =>
    (r.seats.length > 0 ? r.seats : [undefined]).map((s) =>
      csvLine([
        r.name,
        r.email,
        r.ticket_type,
        r.status,
        r.order_number,
        s ? localText(s.starts_at, timeZone) : '',
        s ? localText(s.checked_in_at, timeZone) : '',
      ]),
    ),
  );
  return CSV_BOM + head + lines.join('');
}
