import type { Db } from '../../db/schema.js';
import { afterCursor, type PageQuery, toPage } from './pagination.js';
import { cursorFrom, PRODUCT_FIELDS, productCursor } from './resources-kind-pages.js';

/** What the API reads of events (sessions with seats) and their tickets, and of bookings. */
export async function listEvents(db: Db, page: PageQuery) {
  const cursor = await productCursor(db, 'event', page);
  let q = db
    .selectFrom('products')
    .innerJoin('events', 'events.product_id', 'products.id')
    .select([...PRODUCT_FIELDS, 'events.format', 'events.ticket_scope'])
    .where('products.kind', '=', 'event');
  if (cursor) q = q.where(afterCursor('products', cursor));
  const rows = await q
    .orderBy('products.created_at')
    .orderBy('products.id')
    .limit(page.limit + 1)
    .execute();
  const shown = rows.slice(0, page.limit);
  const sessions =
    shown.length === 0
      ? []
      : await db
          .selectFrom('event_sessions')
          .leftJoin('event_seat_counts', 'event_seat_counts.session_id', 'event_sessions.id')
          .select([
            'event_sessions.id',
            'event_sessions.product_id',
            'event_sessions.starts_at',
            'event_sessions.ends_at',
            'event_sessions.status',
            'event_seat_counts.capacity',
            'event_seat_counts.taken',
          ])
          .where(
            'event_sessions.product_id',
            'in',
            shown.map((e) => e.id),
          )
          .orderBy('event_sessions.starts_at')
          .orderBy('event_sessions.id')
          .execute();
  const data = rows.map((e) => ({
    ...e,
    sessions: sessions
      .filter((s) => s.product_id === e.id)
      .map(({ product_id: _, capacity, taken, ...s }) => ({ ...s, capacity: capacity ?? 0, seats_taken: taken ?? 0 })),
  }));
  return toPage(data, page.limit);
}

export async function eventExists(db: Db, id: string): Promise<boolean> {
  return (
    (await db.selectFrom('events').select('product_id').where('product_id', '=', id).executeTakeFirst()) !== undefined
  );
}

/** An event's tickets (never the check-in token: it opens the door). */
export async function listTickets(db: Db, eventId: string, page: PageQuery) {
  const cursor = await cursorFrom(page, (id) =>
    db
      .selectFrom('event_tickets')
      .select(['id', 'created_at'])
      .where('id', '=', id)
      .where('product_id', '=', eventId)
      .executeTakeFirst(),
  );
  let q = db
    .selectFrom('event_tickets')
    .select(['id', 'session_id', 'ticket_type_id', 'order_id', 'email', 'name', 'status', 'created_at'])
    .where('product_id', '=', eventId);
  if (cursor) q = q.where(afterCursor('event_tickets', cursor));
  const rows = await q
    .orderBy('created_at')
    .orderBy('id')
    .limit(page.limit + 1)
    .execute();
  return toPage(rows, page.limit);
}

export type BookingFilter = { from?: string | undefined; to?: string | undefined; status?: string | undefined };

/** Bookings by the session's start (never the client's manage link or answers). */
export async function listBookings(db: Db, page: PageQuery, filter: BookingFilter) {
  const cursor = await cursorFrom(page, (id) =>
    db.selectFrom('bookings').select(['id', 'starts_at as created_at']).where('id', '=', id).executeTakeFirst(),
  );
  let q = db
    .selectFrom('bookings')
    .select([
      'id',
      'product_id',
      'order_id',
      'email',
      'name',
      'starts_at',
      'ends_at',
      'status',
      'cancelled_at',
      'created_at',
    ]);
  // Stored instants are UTC ISO text: compare with the filter in the same form.
  if (filter.from) q = q.where('starts_at', '>=', new Date(filter.from).toISOString());
  if (filter.to) q = q.where('starts_at', '<', new Date(filter.to).toISOString());
  if (filter.status) q = q.where('status', '=', filter.status as never);
  if (cursor) q = q.where(afterCursor('bookings', cursor, 'starts_at'));
  const rows = await q
    .orderBy('starts_at')
    .orderBy('id')
    .limit(page.limit + 1)
    .execute();
  return toPage(rows, page.limit);
}

/** Shows with how many episodes are out and how many wait for their time. */
