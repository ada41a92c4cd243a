import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../db/schema.js';
import type { Services } from '../../services.js';
import { translator } from '../../web/messages.js';
import { buildCalendar, mailSetting } from '../email/calendar-invite.js';
import { claimSetting, readSetting, writeSetting } from '../settings/store-settings.js';
import { bookingUid } from './ics.js';
import { answersOf, findBookingTypeInfo } from './mails.js';

/*
 * The creator's read-only calendar of bookings, for a calendar app to
 * subscribe to: confirmed bookings and cancelled ones (STATUS:CANCELLED, so
 * a subscribed calendar drops them) from 30 days back on. Its address holds a
 * 256-bit secret kept in the settings; rotating it ends every old
 * subscription. No meeting link: the feed may be shared with a calendar
 * service, and the creator has it in the session type anyway.
 */

const TOKEN_KEY = 'bookings.calendar_feed_token';
const BACK_MS = 30 * 86_400_000;

/** The feed's secret, made on first use. */
export async function calendarFeedToken(db: Db): Promise<string> {
  const existing = await readSetting(db, TOKEN_KEY);
  if (existing) return existing;
  await claimSetting(db, TOKEN_KEY, randomBytes(32).toString('base64url'));
  return (await readSetting(db, TOKEN_KEY)) ?? '';
}

/** A new secret: the old address stops working. Returns the new one. */
export async function rotateBookingCalendarFeedToken(db: Db): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await writeSetting(db, TOKEN_KEY, token);
  return token;
}

/** The address to subscribe to (for the admin's bookings page). */
export async function bookingCalendarFeedUrl(db: Db, publicUrl: string): Promise<string> {
  return `${publicUrl}/bookings/calendar/${await calendarFeedToken(db)}.ics`;
}

/** Whether `given` is the feed's secret (compared in constant time). */
export async function isCalendarFeedToken(db: Db, given: string): Promise<boolean> {
  const token = await readSetting(db, TOKEN_KEY);
  if (!token || !given) return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(token), digest(given));
}

/** The iCalendar text of the feed at `now`. */
export async function bookingCalendarFeed(services: Services, now: Date = new Date()): Promise<string> {
  const { db } = services.database;
  const setting = await mailSetting(services, db);
  const t = translator(setting.locale);
  const bookings = await db
    .selectFrom('bookings')
    .selectAll()
    .where('status', 'in', ['confirmed', 'cancelled'])
    .where('ends_at', '>=', new Date(now.getTime() - BACK_MS).toISOString())
    .orderBy('starts_at')
    .execute();
  const infos = new Map<string, Awaited<ReturnType<typeof findBookingTypeInfo>>>();
  const entries = [];
  for (const b of bookings) {
    if (!infos.has(b.product_id)) infos.set(b.product_id, await findBookingTypeInfo(db, b.product_id));
    const info = infos.get(b.product_id);
    if (!info) continue;
    const who = b.name || b.email;
    const location =
      info.location === 'onsite'
        ? info.address
        : info.location === 'phone'
          ? t('bookings.feed.phone')
          : t('bookings.feed.online');
    entries.push({
      uid: bookingUid(b.id, setting.host),
      sequence: b.sequence,
      start: b.starts_at,
      end: b.ends_at,
      summary: `${info.title}: ${who}`,
      description: [
        t('bookings.feed.client', { name: who, email: b.email }),
        ...answersOf(b, info).map((a) => `${a.question}: ${a.answer}`),
      ].join('\n'),
      location: location.split(/\r?\n/).filter(Boolean).join(', '),
      cancelled: b.status === 'cancelled',
    });
  }
  return buildCalendar({
    product: 'Bookings',
    name: t('bookings.feed.name', { store: setting.organizer.name }),
    organizer: setting.organizer,
    entries,
    stamp: now,
  });
}
