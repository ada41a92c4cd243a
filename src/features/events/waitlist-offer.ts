import { handleJob } from '../../jobs/define.js';
import { formatDateTime, isLocale } from '../../web/i18n.js';
import { queueEmail } from '../email/queue-email.js';
import type { TemplateFn } from '../email/template-types.js';
import { getStoreSettings } from '../settings/store-settings.js';
import { offerChoice } from './holds.js';
import { eventWaitlistOfferJob } from './job-contracts.js';
import { sessionTimeLabel } from './session-time.js';

export type WaitlistOfferEmailData = { event: string; when: string; until: string; url: string };

/** The waiting list's email, by name; registered from the feature list. */
export const eventsWaitlistEmailTemplates = {
  'event-waitlist-offer': ((t, d: WaitlistOfferEmailData) => ({
    subject: t('events.waitlist.email.subject', { event: d.event }),
    heading: t('events.waitlist.email.heading'),
    paragraphs: [t('events.waitlist.email.body', { event: d.event, when: d.when, until: d.until })],
    action: { label: t('events.waitlist.email.action'), url: d.url },
    note: t('events.waitlist.email.note'),
  })) satisfies TemplateFn<WaitlistOfferEmailData>,
} as const;

declare module '../email/templates.js' {
  interface FeatureEmailTemplates {
    eventsWaitlist: typeof eventsWaitlistEmailTemplates;
  }
}

/** Mails an offer once (the job's key); an offer that has meanwhile run out or been bought is not mailed. */
export const eventWaitlistOfferHandler = handleJob(eventWaitlistOfferJob, async ({ waitlistId }, { db, services }) => {
  const offer = await db
    .selectFrom('event_waitlist as w')
    .innerJoin('event_tickets as t', 't.id', 'w.ticket_id')
    .innerJoin('products as p', 'p.id', 'w.product_id')
    .select(['w.email', 'w.locale', 'w.offer_token', 't.hold_expires_at', 'p.title', 'p.id as productId'])
    .select((eb) =>
      eb
        .selectFrom('event_seats as seat')
        .innerJoin('event_sessions as s', 's.id', 'seat.session_id')
        .select((e) => e.fn.min('s.starts_at').as('f'))
        .whereRef('seat.ticket_id', '=', 't.id')
        .as('starts_at'),
    )
    .select((eb) =>
      eb
        .selectFrom('event_seats as seat')
        .innerJoin('event_sessions as s', 's.id', 'seat.session_id')
        .select((e) => e.fn.max('s.ends_at').as('l'))
        .whereRef('seat.ticket_id', '=', 't.id')
        .as('ends_at'),
    )
    .where('w.id', '=', waitlistId)
    .where('w.status', '=', 'offered')
    .where('t.status', '=', 'offered')
    .executeTakeFirst();
  if (!offer?.offer_token || !offer.hold_expires_at || !offer.starts_at || !offer.ends_at) return;
  const { timeZone } = await getStoreSettings(db);
  const locale = isLocale(offer.locale) ? offer.locale : 'en';
  const until = formatDateTime(offer.hold_expires_at, locale, timeZone, { zone: true });
  const when = sessionTimeLabel({ starts_at: offer.starts_at, ends_at: offer.ends_at }, locale, timeZone);
  const url = `${services.config.publicUrl}/checkout?product=${offer.productId}&choice=${offerChoice(offer.offer_token)}`;
  await queueEmail(db, {
    to: offer.email,
    locale,
    template: 'event-waitlist-offer',
    data: { event: offer.title, when, until, url },
    uniqueKey: `event-offer:${waitlistId}`,
  });
});
