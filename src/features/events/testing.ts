import { isoNow } from '../../db/time.js';
import type { Services } from '../../services.js';
import { addSession, addTicketType, createEvent, type EventSettingsInput, saveEventSettings } from './edit-event.js';
import { allSessionsChoice, sessionChoice } from './holds.js';

const HOUR = 3600_000;

/**
 * Test-only (shared by the events tests): a published event with sessions
 * starting `startsInHours` from now (one per entry), a paid ticket type and
 * the settings given.
 */
export async function seedEvent(
  services: Services,
  opts: {
    title?: string;
    sessions?: { startsInHours: number; hours?: number; capacity: number }[];
    priceMinor?: number;
    settings?: Partial<EventSettingsInput>;
  } = {},
) {
  const { db } = services.database;
  const productId = await createEvent(db, opts.title ?? 'Sourdough Workshop', 'test');
  await saveEventSettings(db, productId, {
    format: 'online',
    venue: '',
    meetingUrl: 'https://meet.example.com/secret-room-42',
    ticketScope: 'session',
    withdrawalRule: 'leisure',
    salesEndAt: null,
    offerHours: 24,
    ...opts.settings,
  });
  // The ticket type createEvent made stays free; a paid one is what the tests buy.
  await db.deleteFrom('event_ticket_types').where('product_id', '=', productId).execute();
  const ticketTypeId = await addTicketType(db, productId, {
    name: 'Regular',
    priceMinor: opts.priceMinor ?? 4900,
    availableUntil: null,
  });
  const sessionIds: string[] = [];
  for (const s of opts.sessions ?? [{ startsInHours: 48, capacity: 20 }]) {
    const start = Date.now() + s.startsInHours * HOUR;
    sessionIds.push(
      await addSession(db, productId, {
        startsAt: new Date(start).toISOString(),
        endsAt: new Date(start + (s.hours ?? 2) * HOUR).toISOString(),
        capacity: s.capacity,
      }),
    );
  }
  const now = isoNow();
  await db
    .updateTable('products')
    .set({ status: 'published', published_at: now })
    .where('id', '=', productId)
    .execute();
  const choice = (i = 0) => sessionChoice(sessionIds[i] ?? '', ticketTypeId);
  return { productId, ticketTypeId, sessionIds, choice, allChoice: allSessionsChoice(ticketTypeId) };
}

export async function seatsTaken(services: Services, sessionId: string): Promise<number> {
  const row = await services.database.db
    .selectFrom('event_seat_counts')
    .select('taken')
    .where('session_id', '=', sessionId)
    .executeTakeFirstOrThrow();
  return row.taken;
}
