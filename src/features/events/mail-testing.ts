import { randomBytes, randomUUID } from 'node:crypto';
import ICAL from 'ical.js';
import type { EventFormat, TicketStatus } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import type { TestApp } from '../../testing/app.js';
import { seedCustomer, seedOrder } from '../orders/testing.js';
import { addSession, createEvent, saveEventSettings } from './edit-event.js';

/*
 * Test-only helpers for the events feature's emails: an event with sessions,
 * valid tickets with their seats (written directly, as the seat logic would),
 * paid orders, and a reader of the invitations that uses a real iCalendar
 * parser (ical.js).
 */

export const MEETING_URL = 'https://meet.example/room/geheim-4711?pwd=s3cr3t';

const HOUR = 3600_000;

/** A published event with sessions `days` days from now (2 hours each); online with a meeting link unless onsite. */
export async function seedEvent(
  t: TestApp,
  opts: { title?: string; format?: EventFormat; venue?: string; days?: number[] } = {},
) {
  const { db } = t.services.database;
  const productId = await createEvent(db, opts.title ?? 'Sourdough Workshop', 'owner@example.com');
  await saveEventSettings(db, productId, {
    format: opts.format ?? 'online',
    venue: opts.venue ?? '',
    meetingUrl: MEETING_URL,
    ticketScope: 'session',
    withdrawalRule: 'leisure',
    salesEndAt: null,
    offerHours: 24,
  });
  await db
    .updateTable('products')
    .set({ status: 'published', published_at: isoNow() })
    .where('id', '=', productId)
    .execute();
  const sessionIds: string[] = [];
  for (const d of opts.days ?? [3]) {
    const start = Math.floor((Date.now() + d * 24 * HOUR) / 60_000) * 60_000;
    sessionIds.push(
      await addSession(db, productId, {
        startsAt: new Date(start).toISOString(),
        endsAt: new Date(start + 2 * HOUR).toISOString(),
        capacity: 20,
      }),
    );
  }
  return { productId, sessionIds };
}

/** A ticket with a seat in each session given (status 'valid' unless told). */
export async function seedTicket(
  t: TestApp,
  productId: string,
  sessionIds: string[],
  opts: { email?: string; name?: string; locale?: string; status?: TicketStatus; orderId?: string } = {},
) {
  const { db } = t.services.database;
  const id = randomUUID();
  const now = isoNow();
  await db
    .insertInto('event_tickets')
    .values({
      id,
      product_id: productId,
      session_id: sessionIds.length === 1 ? (sessionIds[0] ?? null) : null,
      ticket_type_id: null,
      order_id: opts.orderId ?? null,
      email: opts.email ?? `guest-${id.slice(0, 8)}@example.com`,
      name: opts.name ?? 'Ada Lovelace',
      locale: opts.locale ?? 'en',
      status: opts.status ?? 'valid',
      hold_expires_at: null,
      check_in_token: randomBytes(32).toString('hex'),
      created_at: now,
      updated_at: now,
    })
    .execute();
  for (const sessionId of sessionIds) {
    await db.insertInto('event_seats').values({ ticket_id: id, session_id: sessionId, checked_in_at: null }).execute();
  }
  return id;
}

/** A paid order of the event; `testPayment` gives it a paid test-provider payment (else a refund fails at the provider). */
export async function seedPaidOrder(t: TestApp, productId: string, email: string, opts: { testPayment: boolean }) {
  const { db } = t.services.database;
  const now = isoNow();
  const paymentId = opts.testPayment ? `test_${randomUUID().slice(0, 12)}` : null;
  const customer = await seedCustomer(db, { email, name: 'Ada Lovelace' });
  const order = await seedOrder(db, {
    customer,
    items: [{ product: { id: productId, title: 'Ticket', priceMinor: 4900 } }],
    providerRef: paymentId,
  });
  const orderId = order.id;
  if (paymentId) {
    await db
      .insertInto('test_payment_sessions')
      .values({
        id: paymentId,
        order_id: orderId,
        amount_minor: 4900,
        currency: 'EUR',
        status: 'paid',
        return_url: 'https://shop.example/thanks',
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
  return orderId;
}

export type ParsedEvent = {
  uid: string;
  sequence: number;
  start: string;
  end: string;
  status: string;
  location: string;
};
export type ParsedInvitation = { method: string; events: ParsedEvent[]; organizer: string[]; attendee: string[] };

/** Reads an invitation with a real iCalendar parser. */
export function readInvitation(ics: string): ParsedInvitation {
  const cal = new ICAL.Component(ICAL.parse(ics));
  const vevents = cal.getAllSubcomponents('vevent');
  const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  return {
    method: str(cal.getFirstPropertyValue('method')),
    events: vevents.map((v) => ({
      uid: str(v.getFirstPropertyValue('uid')),
      sequence: Number(v.getFirstPropertyValue('sequence')),
      start: (v.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString(),
      end: (v.getFirstPropertyValue('dtend') as ICAL.Time).toJSDate().toISOString(),
      status: str(v.getFirstPropertyValue('status')),
      location: str(v.getFirstPropertyValue('location')),
    })),
    organizer: vevents.map((v) => str(v.getFirstPropertyValue('organizer'))),
    attendee: vevents.map((v) => str(v.getFirstPropertyValue('attendee'))),
  };
}

/** Makes the pending jobs whose unique key starts so due now (a reminder scheduled for later, a retry's backoff). */
export async function makeDue(t: TestApp, keyPrefix: string): Promise<void> {
  await t.services.database.db
    .updateTable('jobs')
    .set({ run_at: isoNow() })
    .where('unique_key', 'like', `${keyPrefix}%`)
    .where('status', '=', 'pending')
    .execute();
}
