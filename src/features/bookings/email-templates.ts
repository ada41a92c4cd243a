import type { Translate } from '../../web/messages.js';
import { addressLine } from '../email/calendar-invite.js';
import type { EmailContent, TemplateFn } from '../email/template-types.js';

/*
 * A booking's emails to its client. Times arrive formatted (the client's
 * zone when known, else the store's, always with the zone's name); nothing
 * here ever gets the meeting link: an online session's emails point to the
 * booking page, which shows it from 15 minutes before the start.
 */

/** Where the session takes place, as an email says it. */
export type BookingPlace = { kind: 'online' } | { kind: 'phone' } | { kind: 'onsite'; address: string };

/** The cancellation policy: free until the deadline (formatted, with its zone), or that time has passed. */
export type BookingPolicy = { deadline: string } | 'passed';

export type BookingConfirmedEmailData = {
  title: string;
  when: string;
  place: BookingPlace;
  answers: { question: string; answer: string }[];
  manageUrl: string;
  policy: BookingPolicy;
};
export type BookingRescheduledEmailData = {
  title: string;
  when: string;
  place: BookingPlace;
  manageUrl: string;
  policy: BookingPolicy;
};
/**
 * by: who ended it ('order': a refund or dispute of its order). refund: 'refund' — a full refund
 * follows; 'refunded' — the order has been refunded; 'late' — cancelled after the free period, no
 * refund; 'none' — no refund; 'silent' — nothing to say (nothing was paid, or a dispute).
 */
export type BookingCancelledEmailData = {
  title: string;
  when: string;
  by: 'client' | 'creator' | 'order';
  refund: 'refund' | 'refunded' | 'late' | 'none' | 'silent';
};
export type BookingSoldOutEmailData = { title: string; orderNumber: string };
export type BookingReminderEmailData = {
  title: string;
  lead: '24h' | '1h';
  when: string;
  place: BookingPlace;
  manageUrl: string;
};

function placeLine(t: Translate, place: BookingPlace): string {
  if (place.kind === 'online') return t('bookings.mail.where.online');
  if (place.kind === 'phone') return t('bookings.mail.where.phone');
  return t('bookings.mail.where.onsite', { address: addressLine(place.address) });
}

function policyLine(t: Translate, policy: BookingPolicy): string {
  return policy === 'passed'
    ? t('bookings.mail.policy.passed')
    : t('bookings.mail.policy.free', { deadline: policy.deadline });
}

function manage(t: Translate, url: string): Pick<EmailContent, 'action' | 'note'> {
  return { action: { label: t('bookings.mail.manage'), url }, note: t('bookings.mail.manageNote') };
}

const REFUND_TEXT = {
  refund: 'bookings.mail.cancelled.refund',
  refunded: 'bookings.mail.cancelled.refunded',
  late: 'bookings.mail.cancelled.noRefundLate',
  none: 'bookings.mail.cancelled.noRefund',
} as const;

/** Emails of bookable sessions, by name; registered from the feature list. */
export const bookingsEmailTemplates = {
  /** Paid: the time, the place, the client's answers, the policy and the invitation (.ics). */
  'booking-confirmed': ((t, d: BookingConfirmedEmailData) => ({
    subject: t('bookings.mail.confirmed.subject', { title: d.title }),
    heading: t('bookings.mail.confirmed.heading'),
    paragraphs: [
      t('bookings.mail.confirmed.body', { title: d.title }),
      t('bookings.mail.when', { when: d.when }),
      placeLine(t, d.place),
      ...(d.answers.length > 0
        ? [t('bookings.mail.answers'), ...d.answers.map((a) => `• ${a.question}: ${a.answer}`)]
        : []),
      policyLine(t, d.policy),
      t('bookings.mail.confirmed.calendar'),
    ],
    ...manage(t, d.manageUrl),
  })) satisfies TemplateFn<BookingConfirmedEmailData>,
  /** Moved: the new time and the update (same UID, higher SEQUENCE). */
  'booking-rescheduled': ((t, d: BookingRescheduledEmailData) => ({
    subject: t('bookings.mail.rescheduled.subject', { title: d.title }),
    heading: t('bookings.mail.rescheduled.heading'),
    paragraphs: [
      t('bookings.mail.rescheduled.body', { title: d.title }),
      t('bookings.mail.when', { when: d.when }),
      placeLine(t, d.place),
      policyLine(t, d.policy),
      t('bookings.mail.rescheduled.calendar'),
    ],
    ...manage(t, d.manageUrl),
  })) satisfies TemplateFn<BookingRescheduledEmailData>,
  /** Cancelled: whether money comes back, and the CANCEL. */
  'booking-cancelled': ((t, d: BookingCancelledEmailData) => ({
    subject: t('bookings.mail.cancelled.subject', { title: d.title }),
    heading: t('bookings.mail.cancelled.heading'),
    paragraphs: [
      t(`bookings.mail.cancelled.body.${d.by}`, { title: d.title }),
      `• ${d.when}`,
      ...(d.refund === 'silent' ? [] : [t(REFUND_TEXT[d.refund])]),
      t('bookings.mail.cancelled.calendar'),
    ],
  })) satisfies TemplateFn<BookingCancelledEmailData>,
  /** Paid after the held time ran out and someone else took it: no booking, refunded in full. */
  'booking-sold-out': ((t, d: BookingSoldOutEmailData) => ({
    subject: t('bookings.mail.soldOut.subject', { title: d.title }),
    heading: t('bookings.mail.soldOut.heading'),
    paragraphs: [
      t('bookings.mail.soldOut.body', { title: d.title, number: d.orderNumber }),
      t('bookings.mail.soldOut.refund'),
    ],
  })) satisfies TemplateFn<BookingSoldOutEmailData>,
  /** 24 hours or one hour before the session. */
  'booking-reminder': ((t, d: BookingReminderEmailData) => ({
    subject: t(`bookings.mail.reminder.subject.${d.lead}`, { title: d.title }),
    heading: t('bookings.mail.reminder.heading'),
    paragraphs: [
      t(`bookings.mail.reminder.body.${d.lead}`, { title: d.title }),
      t('bookings.mail.when', { when: d.when }),
      placeLine(t, d.place),
    ],
    ...manage(t, d.manageUrl),
  })) satisfies TemplateFn<BookingReminderEmailData>,
} as const;

// Adds these templates to the app's TemplateName type (the templates are registered from the feature list).
declare module '../email/templates.js' {
  interface FeatureEmailTemplates {
    bookings: typeof bookingsEmailTemplates;
  }
}
