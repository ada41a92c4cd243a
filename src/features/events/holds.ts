import type { Db, EventRow, EventTicketType, Order, Product } from '../../db/schema.js';
import { enqueueJob } from '../../jobs/queue.js';
import { normaliseEmail } from '../library/sessions.js';
import { eventHoldExpiryJob } from './job-contracts.js';
import { findEvent, listSessions, listTicketTypes, type SessionWithSeats } from './queries.js';
import { insertHoldingTicket, takeSeats } from './seats.js';

/** How long seats wait for an unpaid order. */
export const HOLD_MINUTES = 15;

/**
 * What the buyer picked, as the checkout's `choice` field carries it:
 * `s.<session>.<ticket type>` — one session; `a.<ticket type>` — every session
 * (a course of meetings); `o.<token>` — a waiting-list offer.
 */
export type EventChoice =
  | { kind: 'session'; sessionId: string; ticketTypeId: string }
  | { kind: 'all'; ticketTypeId: string }
  | { kind: 'offer'; token: string };

const ID = /^[0-9a-f-]{36}$/;

export function readChoice(choice: string): EventChoice | undefined {
  const [k, a, b] = choice.split('.');
  if (k === 's' && a && b && ID.test(a) && ID.test(b)) return { kind: 'session', sessionId: a, ticketTypeId: b };
  if (k === 'a' && a && !b && ID.test(a)) return { kind: 'all', ticketTypeId: a };
  if (k === 'o' && a && !b && /^[A-Za-z0-9_-]{43}$/.test(a)) return { kind: 'offer', token: a };
  return undefined;
}

export function sessionChoice(sessionId: string, ticketTypeId: string): string {
  return `s.${sessionId}.${ticketTypeId}`;
}

export function allSessionsChoice(ticketTypeId: string): string {
  return `a.${ticketTypeId}`;
}

export function offerChoice(token: string): string {
  return `o.${token}`;
}

/** A session can be booked until it starts (and until the event's sales end, if set earlier). */
export function bookable(
  event: EventRow,
  session: Pick<SessionWithSeats, 'status' | 'starts_at'>,
  now: string,
): boolean {
  if (session.status !== 'scheduled' || session.starts_at <= now) return false;
  return !event.sales_end_at || now < event.sales_end_at;
}

/** A ticket type is sold until its own date (early bird) or without one. */
export function onSale(type: Pick<EventTicketType, 'available_until'>, now: string): boolean {
  return !type.available_until || now < type.available_until;
}

/** What a choice admits to, checked against the event and the clock; undefined when it cannot be bought. */
export type ResolvedChoice = {
  event: EventRow;
  type: EventTicketType;
  sessions: SessionWithSeats[];
  /** A waiting-list offer's ticket (its seats are already held for it). */
  offerTicketId?: string;
  offerExpiresAt?: string;
};

export async function resolveChoice(
  db: Db,
  product: Pick<Product, 'id'>,
  choice: EventChoice,
  now: string,
): Promise<ResolvedChoice | undefined> {
  const event = await findEvent(db, product.id);
  if (!event) return undefined;
  const [sessions, types] = await Promise.all([listSessions(db, product.id), listTicketTypes(db, product.id)]);
  if (choice.kind === 'offer') return resolveOffer(db, event, sessions, types, choice.token, now);
  const type = types.find((t) => t.id === choice.ticketTypeId);
  if (!type || !onSale(type, now)) return undefined;
  if (choice.kind === 'session') {
    if (event.ticket_scope !== 'session') return undefined;
    const session = sessions.find((s) => s.id === choice.sessionId);
    return session && bookable(event, session, now) ? { event, type, sessions: [session] } : undefined;
  }
  if (event.ticket_scope !== 'all') return undefined;
  const open = sessions.filter((s) => s.status === 'scheduled');
  // A course of meetings is sold until its first meeting starts.
  if (open.length === 0 || !open.every((s) => bookable(event, s, now))) return undefined;
  return { event, type, sessions: open };
}

async function resolveOffer(
  db: Db,
  event: EventRow,
  sessions: SessionWithSeats[],
  types: EventTicketType[],
  token: string,
  now: string,
): Promise<ResolvedChoice | undefined> {
  const offer = await db
    .selectFrom('event_waitlist as w')
    .innerJoin('event_tickets as t', 't.id', 'w.ticket_id')
    .select(['t.id as ticketId', 't.hold_expires_at', 't.ticket_type_id'])
    .where('w.offer_token', '=', token)
    .where('w.product_id', '=', event.product_id)
    .where('w.status', '=', 'offered')
    .where('t.status', '=', 'offered')
    .executeTakeFirst();
  if (!offer?.hold_expires_at || offer.hold_expires_at <= now) return undefined;
  const seats = await db
    .selectFrom('event_seats')
    .select('session_id')
    .where('ticket_id', '=', offer.ticketId)
    .execute();
  const held = sessions.filter((s) => seats.some((x) => x.session_id === s.id));
  // The offer is sold at the regular (last) ticket type still on sale, or the cheapest if none is.
  const type = types.filter((t) => onSale(t, now)).at(-1) ?? types[0];
  if (!type || held.length === 0 || !held.every((s) => bookable(event, s, now))) return undefined;
  return { event, type, sessions: held, offerTicketId: offer.ticketId, offerExpiresAt: offer.hold_expires_at };
}

/**
 * Holds the seats of a new order's ticket for HOLD_MINUTES (in the order's
 * transaction): a new ticket takes its seats, an offer's ticket passes from
 * the offer to the order. 'sold-out' when the last seat went meanwhile.
 */
export async function holdTicket(
  db: Db,
  order: Order,
  resolved: ResolvedChoice,
  now: string,
): Promise<'ok' | 'sold-out' | 'choice-unavailable'> {
  const expires = new Date(Date.parse(now) + HOLD_MINUTES * 60_000).toISOString();
  const email = normaliseEmail(order.email);
  if (resolved.offerTicketId) {
    // The offer's time stays when it is longer than an ordinary hold.
    const offerExpires =
      resolved.offerExpiresAt && resolved.offerExpiresAt > expires ? resolved.offerExpiresAt : expires;
    const r = await db
      .updateTable('event_tickets')
      .set({
        status: 'held',
        order_id: order.id,
        email,
        name: order.name,
        locale: order.locale,
        ticket_type_id: resolved.type.id,
        hold_expires_at: offerExpires,
        updated_at: now,
      })
      .where('id', '=', resolved.offerTicketId)
      .where('status', '=', 'offered')
      .where('hold_expires_at', '>', now)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return 'choice-unavailable';
    await scheduleHoldExpiry(db, resolved.offerTicketId, offerExpires);
    return 'ok';
  }
  const sessionIds = resolved.sessions.map((s) => s.id);
  if (!(await takeSeats(db, sessionIds))) return 'sold-out';
  const ticket = {
    product_id: resolved.event.product_id,
    session_id: resolved.event.ticket_scope === 'session' ? (resolved.sessions[0]?.id ?? null) : null,
    ticket_type_id: resolved.type.id,
    order_id: order.id,
    email,
    name: order.name,
    locale: order.locale,
    status: 'held' as const,
    hold_expires_at: expires,
  };
  const ticketId = await insertHoldingTicket(db, ticket, sessionIds, now);
  await scheduleHoldExpiry(db, ticketId, expires);
  return 'ok';
}

export async function scheduleHoldExpiry(db: Db, ticketId: string, at: string): Promise<void> {
  await enqueueJob(
    db,
    eventHoldExpiryJob,
    { ticketId },
    { runAt: new Date(at), uniqueKey: `event-hold:${ticketId}:${at}` },
  );
}
