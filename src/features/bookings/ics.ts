import type { Booking, BookingLocation } from '../../db/schema.js';
import { addressLine, buildCalendar, type InvitationMethod, type MailSetting } from '../email/calendar-invite.js';

/**
 * A booking's calendar entry (iCalendar): one VEVENT, UID `<bookingId>@<host>`
 * for its whole life, SEQUENCE the booking's `sequence` (raised by every move
 * and by the cancellation), the session's own time in UTC (not the buffers).
 * An online session's LOCATION and URL are the booking page, never the
 * meeting link: that page shows it only from shortly before the start, while
 * an invitation is forwarded, synced and kept far longer.
 */

/** What a booking's entry says about its session type; `address` is set on site only (never the meeting link). */
export type BookingCalendarInfo = { title: string; location: BookingLocation; address: string };

export function bookingUid(bookingId: string, host: string): string {
  return `${bookingId}@${host}`;
}

/** The client's page to see, reschedule or cancel the booking (its token is the only key). */
export function manageUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/bookings/manage/${token}`;
}

/** LOCATION of the entry: the address on site, "we call you" by phone, the booking page online. */
export function bookingLocation(info: BookingCalendarInfo, url: string, phoneText: string): string {
  if (info.location === 'onsite') return addressLine(info.address);
  return info.location === 'phone' ? phoneText : url;
}

/** The invitation (REQUEST, also for a move) or the cancellation (CANCEL) sent to the client. */
export function bookingInvitation(opts: {
  setting: MailSetting;
  info: BookingCalendarInfo;
  booking: Pick<Booking, 'id' | 'starts_at' | 'ends_at' | 'sequence' | 'email' | 'name' | 'manage_token'>;
  method: InvitationMethod;
  /** In the client's language: where to find the link or the booking. */
  description: string;
  /** In the client's language: "By phone: we call you". */
  phoneText: string;
  stamp?: Date;
}): string {
  const { setting, info, booking } = opts;
  const url = manageUrl(setting.publicUrl, booking.manage_token);
  return buildCalendar({
    method: opts.method,
    product: 'Bookings',
    organizer: setting.organizer,
    stamp: opts.stamp,
    entries: [
      {
        uid: bookingUid(booking.id, setting.host),
        sequence: booking.sequence,
        start: booking.starts_at,
        end: booking.ends_at,
        summary: info.title,
        description: opts.description,
        location: bookingLocation(info, url, opts.phoneText),
        url,
        cancelled: opts.method === 'CANCEL',
        attendee: { name: booking.name, email: booking.email },
      },
    ],
  });
}
