import type { TemplateFn } from '../email/template-types.js';

export type PaymentFailedData = { tier: string; retryDate: string; libraryUrl: string };
export type EndedData = { tier: string; reason: 'payment' | 'canceled' | 'admin'; membershipUrl: string };
export type CancelLinkData = { tier: string; url: string; hours: number };
export type CanceledData = { tier: string; endDate: string; libraryUrl: string };
export type CancellationReceivedData = {
  email: string;
  receivedAt: string;
  kind: string;
  endInfo: string;
  /** "This was not me: keep it", one per subscription the declaration canceled (absent in emails queued before). */
  keepLinks?: { label: string; url: string }[];
};

/** Emails of memberships; registered in src/features/email/templates.ts. */
export const membershipsEmailTemplates = {
  'membership-payment-failed': ((t, d: PaymentFailedData) => ({
    subject: t('memberships.email.failed.subject', { tier: d.tier }),
    heading: t('memberships.email.failed.heading'),
    paragraphs: [t('memberships.email.failed.body', { tier: d.tier, date: d.retryDate })],
    action: { label: t('memberships.email.library'), url: d.libraryUrl },
  })) satisfies TemplateFn<PaymentFailedData>,
  'membership-ended': ((t, d: EndedData) => ({
    subject: t('memberships.email.ended.subject', { tier: d.tier }),
    heading: t('memberships.email.ended.heading'),
    paragraphs: [t(`memberships.email.ended.${d.reason}`, { tier: d.tier })],
    action: { label: t('memberships.email.rejoin'), url: d.membershipUrl },
  })) satisfies TemplateFn<EndedData>,
  'membership-cancel-link': ((t, d: CancelLinkData) => ({
    subject: t('memberships.email.cancelLink.subject', { tier: d.tier }),
    heading: t('memberships.email.cancelLink.heading'),
    paragraphs: [t('memberships.email.cancelLink.body', { tier: d.tier, hours: d.hours })],
    action: { label: t('memberships.email.cancelLink.action'), url: d.url },
    note: t('memberships.email.cancelLink.note'),
  })) satisfies TemplateFn<CancelLinkData>,
  'membership-canceled': ((t, d: CanceledData) => ({
    subject: t('memberships.email.canceled.subject', { tier: d.tier }),
    heading: t('memberships.email.canceled.heading'),
    paragraphs: [t('memberships.email.canceled.body', { tier: d.tier, date: d.endDate })],
    action: { label: t('memberships.email.library'), url: d.libraryUrl },
  })) satisfies TemplateFn<CanceledData>,
  /** § 312k (4) BGB: the confirmation with the time the declaration was received. */
  'membership-cancellation-received': ((t, d: CancellationReceivedData) => ({
    subject: t('memberships.email.received.subject'),
    heading: t('memberships.email.received.heading'),
    paragraphs: [
      t('memberships.email.received.body', { email: d.email, receivedAt: d.receivedAt, kind: d.kind }),
      d.endInfo,
      ...(d.keepLinks?.length ? [t('memberships.email.received.keep')] : []),
    ],
    ...(d.keepLinks?.length ? { links: d.keepLinks } : {}),
    note: t('memberships.email.received.note'),
  })) satisfies TemplateFn<CancellationReceivedData>,
} as const;

// Adds these templates to the app's TemplateName type (the templates are registered from the feature list).
declare module '../email/templates.js' {
  interface FeatureEmailTemplates {
    memberships: typeof membershipsEmailTemplates;
  }
}
