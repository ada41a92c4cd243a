import type { Booking, Db } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import type { Services } from '../../services.js';
import { isLocale, type Locale } from '../../web/i18n.js';
import { translator } from '../../web/messages.js';
import { isTimeZone } from '../analytics/time-zone.js';
import { type InvitationMethod, type MailSetting, mailSetting } from '../email/calendar-invite.js';
import { queueEmail } from '../email/queue-email.js';
import { sessionTimeLabel } from '../events/session-time.js';
import type { BookingCancelledEmailData, BookingPlace, BookingPolicy } from './email-templates.js';
import { type BookingCalendarInfo, bookingInvitation, manageUrl } from './ics.js';
import { questionsOf } from './questions.js';

/*
 * The emails a booking sends its client. Each is claimed in `booking_mails`
 * (booking, occasion) in the transaction that queues it, so a rerun, a second
 * worker or a crash in between never sends one twice. Occasions that depend
 * on the booking's time carry its sequence: a booking moved twice gets two
 * updates, a reminder of an older time none.
 */

export type BookingMailOccasion = 'confirmed' | 'rescheduled' | 'cancelled' | 'sold-out';

/** The status a booking must still have for its email to make sense when the job runs. */
const STATUS_FOR: Record<BookingMailOccasion, Booking['status']> = {
  confirmed: 'confirmed',
  rescheduled: 'confirmed',
  cancelled: 'cancelled',
  'sold-out': 'sold_out',
};

/** What the emails and the booking page say about a session type; never its meeting link (not even read). */
export type BookingTypeInfo = BookingCalendarInfo & {
  freeCancelHours: number;
  questions: { id: string; label: string }[];
};

export async function findBookingTypeInfo(db: Db, productId: string): Promise<BookingTypeInfo | undefined> {
  const row = await db
    .selectFrom('booking_types as b')
    .innerJoin('products as p', 'p.id', 'b.product_id')
    .select(['p.title', 'b.location', 'b.questions', 'b.free_cancel_hours'])
    .select((eb) =>
      // The detail only on site (the address); online it is the meeting link, which stays out of every email.
      eb.case().when('b.location', '=', 'onsite').then(eb.ref('b.location_detail')).else('').end().as('address'),
    )
    .where('b.product_id', '=', productId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    title: row.title,
    location: row.location,
    address: row.address ?? '',
    freeCancelHours: row.free_cancel_hours,
    questions: questionsOf(row),
  };
}

/** The client's answers in the order of the questions (unanswered ones left out). */
export function answersOf(booking: Pick<Booking, 'answers'>, info: BookingTypeInfo) {
  let answers: Record<string, unknown> = {};
  try {
    answers = JSON.parse(booking.answers) ?? {};
  } catch {}
  return info.questions.flatMap((q) => {
    const a = answers[q.id];
    return typeof a === 'string' && a.trim() ? [{ question: q.label, answer: a.trim() }] : [];
  });
}

export function placeOf(info: BookingCalendarInfo): BookingPlace {
  return info.location === 'onsite' ? { kind: 'onsite', address: info.address } : { kind: info.location };
}

/** The client's language (from the checkout), else the store's. */
export function localeOf(booking: Pick<Booking, 'locale'>, setting: Pick<MailSetting, 'locale'>): Locale {
  return isLocale(booking.locale) ? booking.locale : setting.locale;
}

/** The client's zone if their browser told it (and it is a real one), else the store's. */
export function zoneOf(booking: Pick<Booking, 'client_time_zone'>, storeZone: string): string {
  const z = booking.client_time_zone;
  return z && isTimeZone(z) ? z : storeZone;
}

/** "Tue, 8 Dec 2026, 10:00–11:00 CET (Europe/Berlin)": a span on one clock, naming it. */
export function whenLabel(b: Pick<Booking, 'starts_at' | 'ends_at'>, locale: Locale, timeZone: string): string {
  return `${sessionTimeLabel(b, locale, timeZone, { zone: true })} (${timeZone})`;
}

const instantFormats = new Map<string, Intl.DateTimeFormat>();

/** "Mon, 7 Dec 2026, 10:00 CET (Europe/Berlin)": an instant on one clock, naming it. */
export function instantLabel(iso: string, locale: Locale, timeZone: string): string {
  const key = `${locale}|${timeZone}`;
  let f = instantFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'short',
      timeZone,
    });
    instantFormats.set(key, f);
  }
  return `${f.format(new Date(iso))} (${timeZone})`;
}

/** Until when the client may cancel with a full refund (and reschedule): `free_cancel_hours` before the start. */
export function freeCancelDeadline(booking: Pick<Booking, 'starts_at'>, freeCancelHours: number): string {
  return new Date(Date.parse(booking.starts_at) - freeCancelHours * 3600_000).toISOString();
}

function policyOf(booking: Booking, info: BookingTypeInfo, locale: Locale, zone: string, now: Date): BookingPolicy {
  const deadline = freeCancelDeadline(booking, info.freeCancelHours);
  return Date.parse(deadline) > now.getTime() ? { deadline: instantLabel(deadline, locale, zone) } : 'passed';
}

/**
 * Claims an email's key (booking, occasion) in the caller's transaction,
 * before queueing it there: true once, false on every rerun.
 */
export async function claimBookingMail(trx: Db, bookingId: string, occasion: string): Promise<boolean> {
  const r = await trx
    .insertInto('booking_mails')
    .values({ booking_id: bookingId, occasion, sent_at: isoNow() })
    .onConflict((oc) => oc.columns(['booking_id', 'occasion']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

function invitationFor(setting: MailSetting, info: BookingTypeInfo, booking: Booking, method: InvitationMethod) {
  const t = translator(localeOf(booking, setting));
  const url = manageUrl(setting.publicUrl, booking.manage_token);
  const key =
    info.location === 'online'
      ? 'bookings.mail.calendar.online'
      : info.location === 'phone'
        ? 'bookings.mail.calendar.phoneNote'
        : 'bookings.mail.calendar.onsite';
  return bookingInvitation({
    setting,
    info,
    booking,
    method,
    description: t(key, { url }),
    phoneText: t('bookings.mail.calendar.phone'),
  });
}

export type CancelledMailOptions = { by?: 'client' | 'creator' | undefined; refund?: boolean | undefined };

/** A booking's own emails: true when one was queued, false when there is nothing (more) to send. */
export async function sendBookingMail(
  services: Services,
  bookingId: string,
  occasion: BookingMailOccasion,
  opts: CancelledMailOptions = {},
  now: Date = new Date(),
): Promise<boolean> {
  const { db } = services.database;
  const booking = await db.selectFrom('bookings').selectAll().where('id', '=', bookingId).executeTakeFirst();
  if (!booking || booking.status !== STATUS_FOR[occasion]) return false;
  const info = await findBookingTypeInfo(db, booking.product_id);
  if (!info) return false;
  const setting = await mailSetting(services, db);
  const locale = localeOf(booking, setting);
  const zone = zoneOf(booking, setting.timeZone);
  const when = whenLabel(booking, locale, zone);
  const url = manageUrl(setting.publicUrl, booking.manage_token);
  const order = booking.order_id
    ? await db
        .selectFrom('orders')
        .select(['number', 'status', 'total_minor', 'refunded_minor'])
        .where('id', '=', booking.order_id)
        .executeTakeFirst()
    : undefined;
  const key = occasion === 'sold-out' ? occasion : `${occasion}:${booking.sequence}`;

  return db.transaction().execute(async (trx) => {
    if (!(await claimBookingMail(trx, booking.id, key))) return false;
    const base = { to: booking.email, locale };
    if (occasion === 'confirmed' || occasion === 'rescheduled') {
      const common = {
        title: info.title,
        when,
        place: placeOf(info),
        manageUrl: url,
        policy: policyOf(booking, info, locale, zone, now),
      };
      const calendar = invitationFor(setting, info, booking, 'REQUEST');
      if (occasion === 'confirmed')
        await queueEmail(trx, {
          ...base,
          template: 'booking-confirmed',
          data: { ...common, answers: answersOf(booking, info) },
          calendar,
        });
      else await queueEmail(trx, { ...base, template: 'booking-rescheduled', data: common, calendar });
    } else if (occasion === 'cancelled') {
      await queueEmail(trx, {
        ...base,
        template: 'booking-cancelled',
        data: { title: info.title, when, by: opts.by ?? 'order', refund: refundNote(opts, order) },
        calendar: invitationFor(setting, info, booking, 'CANCEL'),
      });
    } else {
      await queueEmail(trx, {
        ...base,
        template: 'booking-sold-out',
        data: { title: info.title, orderNumber: order?.number ?? '' },
      });
    }
    return true;
  });
}

function refundNote(
  opts: CancelledMailOptions,
  order: { status: string; total_minor: number; refunded_minor: number } | undefined,
): BookingCancelledEmailData['refund'] {
  const paid = order !== undefined && order.total_minor > 0;
  if (!paid) return 'silent';
  if (opts.refund === true) return order.refunded_minor >= order.total_minor ? 'refunded' : 'refund';
  if (opts.refund === false) return opts.by === 'client' ? 'late' : 'none';
  // Ended by its order: a refund says so; a dispute is the bank's matter.
  return order.refunded_minor > 0 ? 'refunded' : 'silent';
}

export type ReminderLead = '24h' | '1h';

/**
 * A reminder before a booked session — unless it moved since the reminder was
 * scheduled (another sequence: the new time has its own), is no longer
 * confirmed, or has started. True when one was queued.
 */
export async function sendBookingReminder(
  services: Services,
  p: { bookingId: string; sequence: number; lead: ReminderLead },
  now: Date = new Date(),
): Promise<boolean> {
  const { db } = services.database;
  const booking = await db.selectFrom('bookings').selectAll().where('id', '=', p.bookingId).executeTakeFirst();
  if (!booking || booking.sequence !== p.sequence || booking.status !== 'confirmed') return false;
  if (Date.parse(booking.starts_at) <= now.getTime()) return false;
  const info = await findBookingTypeInfo(db, booking.product_id);
  if (!info) return false;
  const setting = await mailSetting(services, db);
  const locale = localeOf(booking, setting);
  return db.transaction().execute(async (trx) => {
    if (!(await claimBookingMail(trx, booking.id, `reminder-${p.lead}:${p.sequence}`))) return false;
    await queueEmail(trx, {
      to: booking.email,
      locale,
      template: 'booking-reminder',
      data: {
        title: info.title,
        lead: p.lead,
        when: whenLabel(booking, locale, zoneOf(booking, setting.timeZone)),
        place: placeOf(info),
        manageUrl: manageUrl(setting.publicUrl, booking.manage_token),
      },
    });
    return true;
  });
}
