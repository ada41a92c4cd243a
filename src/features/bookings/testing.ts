import { randomUUID } from 'node:crypto';
import type { Services } from '../../services.js';
import { type BookingTypeInput, createBookingType, saveBookingType } from './edit-booking-type.js';

/**
 * Test-only (shared by the bookings tests): a published session type of
 * `priceMinor` (60 minutes, slots on the hour, no notice, 10-minute buffers),
 * and the creator available every day from 08:00 to 20:00 store time.
 */
export async function seedBookingType(
  services: Services,
  opts: { title?: string; priceMinor?: number; type?: Partial<BookingTypeInput>; hours?: boolean } = {},
) {
  const { db } = services.database;
  const productId = await createBookingType(db, opts.title ?? 'Garden consultation', 'test');
  await saveBookingType(db, productId, {
    durationMinutes: 60,
    bufferBeforeMinutes: 10,
    bufferAfterMinutes: 10,
    minNoticeMinutes: 0,
    horizonDays: 30,
    dailyCap: null,
    weeklyCap: null,
    slotStepMinutes: 60,
    location: 'online',
    locationDetail: 'https://meet.example.com/private-consultation',
    questions: [],
    freeCancelHours: 24,
    ...opts.type,
  });
  const price = opts.priceMinor ?? 9000;
  const now = new Date().toISOString();
  await db
    .updateTable('products')
    .set({ status: 'published', published_at: now, pricing: price === 0 ? 'free' : 'fixed', price_minor: price })
    .where('id', '=', productId)
    .execute();
  if (opts.hours !== false) {
    const rules = await db.selectFrom('availability_rules').select('id').limit(1).execute();
    if (rules.length === 0)
      await db
        .insertInto('availability_rules')
        .values(
          [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
            id: randomUUID(),
            weekday,
            start_minute: 8 * 60,
            end_minute: 20 * 60,
          })),
        )
        .execute();
  }
  return { productId };
}

/** The start of an hour-aligned slot `days` days ahead at `hour`:00 UTC. */
export function slotStart(days: number, hourUtc: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setUTCHours(hourUtc, 0, 0, 0);
  return d.toISOString();
}
