import { createRequire } from 'node:module';
import type QRCodeModule from 'qrcode';
import type { Db, EventSessionStatus, TicketStatus } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { utcToLocalInput } from '../posts/local-time.js';

/**
 * Checking in at the door: a ticket's QR code holds the admin URL of its
 * check-in page with the ticket's 256-bit token. The creator scans it with a
 * phone; the page is behind the admin login, so a ticket holder cannot check
 * themselves in. A seat is checked in once (a guarded UPDATE); a second scan
 * shows when it was.
 */

const require = createRequire(import.meta.url);
/** qrcode is loaded with the first code drawn, not at start. */
let qrcode: typeof QRCodeModule | undefined;

/** A check-in token as tickets carry it (base64url of 32 random bytes). */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{20,100}$/;

export function checkInUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/admin/events/check-in/${encodeURIComponent(token)}`;
}

/** The ticket's QR code as an SVG document (for the ticket page), encoding its check-in URL. */
export async function checkInQrSvg(publicUrl: string, token: string): Promise<string> {
  qrcode ??= require('qrcode') as typeof QRCodeModule;
  return qrcode.toString(checkInUrl(publicUrl, token), { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

export type CheckInSeat = {
  session_id: string;
  starts_at: string;
  ends_at: string;
  session_status: EventSessionStatus;
  checked_in_at: string | null;
};

export type CheckInTicket = {
  id: string;
  product_id: string;
  title: string;
  name: string;
  email: string;
  status: TicketStatus;
  ticket_type: string | null;
  seats: CheckInSeat[];
};

export async function findTicketByToken(db: Db, token: string): Promise<CheckInTicket | undefined> {
  if (!TOKEN_PATTERN.test(token)) return undefined;
  const t = await db
    .selectFrom('event_tickets as t')
    .innerJoin('products as p', 'p.id', 't.product_id')
    .leftJoin('event_ticket_types as tt', 'tt.id', 't.ticket_type_id')
    .select(['t.id', 't.product_id', 'p.title', 't.name', 't.email', 't.status', 'tt.name as ticket_type'])
    .where('t.check_in_token', '=', token)
    .executeTakeFirst();
  if (!t) return undefined;
  const seats = await db
    .selectFrom('event_seats as st')
    .innerJoin('event_sessions as s', 's.id', 'st.session_id')
    .select(['st.session_id', 's.starts_at', 's.ends_at', 's.status as session_status', 'st.checked_in_at'])
    .where('st.ticket_id', '=', t.id)
    .orderBy('s.starts_at')
    .execute();
  return { ...t, seats };
}

/** The store-clock day of an instant, "2026-10-20". */
const localDay = (iso: string, timeZone: string) => utcToLocalInput(iso, timeZone).slice(0, 10);

/**
 * The session to check into: the one asked for, else the one today on the
 * store's clock (the first of them, should there be two), else none (the page
 * lets the creator choose).
 */
export function seatToCheckIn(
  seats: readonly CheckInSeat[],
  timeZone: string,
  asked?: string,
  now = new Date(),
): CheckInSeat | undefined {
  if (asked) return seats.find((s) => s.session_id === asked);
  if (seats.length === 1) return seats[0];
  const today = localDay(now.toISOString(), timeZone);
  return seats.find((s) => s.session_status === 'scheduled' && localDay(s.starts_at, timeZone) === today);
}

export type CheckInResult = 'ok' | 'already' | 'not-valid';

/** Checks a seat in once; only a valid ticket's seat in a scheduled session. */
export async function checkIn(db: Db, ticketId: string, sessionId: string, at = isoNow()): Promise<CheckInResult> {
  const ticket = await db.selectFrom('event_tickets').select('status').where('id', '=', ticketId).executeTakeFirst();
  const session = await db.selectFrom('event_sessions').select('status').where('id', '=', sessionId).executeTakeFirst();
  if (ticket?.status !== 'valid' || session?.status !== 'scheduled') return 'not-valid';
  const r = await db
    .updateTable('event_seats')
    .set({ checked_in_at: at })
    .where('ticket_id', '=', ticketId)
    .where('session_id', '=', sessionId)
    .where('checked_in_at', 'is', null)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 1) return 'ok';
  const seat = await db
    .selectFrom('event_seats')
    .select('checked_in_at')
    .where('ticket_id', '=', ticketId)
    .where('session_id', '=', sessionId)
    .executeTakeFirst();
  return seat ? 'already' : 'not-valid';
}

/** Takes a check-in back (a mistaken tap); false when the seat does not exist. */
export async function undoCheckIn(db: Db, ticketId: string, sessionId: string): Promise<boolean> {
  const r = await db
    .updateTable('event_seats')
    .set({ checked_in_at: null })
    .where('ticket_id', '=', ticketId)
    .where('session_id', '=', sessionId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
