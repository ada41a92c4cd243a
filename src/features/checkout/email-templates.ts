import type { TemplateFn } from '../email/template-types.js';

export type ReceiptData = {
  number: string;
  title: string;
  total: string;
  hours: number;
  libraryUrl: string;
  links: { label: string; url: string; note?: string }[];
  /** Some links are downloads (they expire; the note says for how long). */
  files?: boolean;
  /** One line per licence key of the order. */
  licenseKeys?: { product: string; key: string }[];
  /** The buyer's consent to immediate delivery of digital content, as given at checkout. */
  consent?: { date: string; text: string };
  /** The buyer's request that a service start before the withdrawal period ends. */
  serviceConsent?: { date: string; text: string };
  /** Dated events: the order has no right of withdrawal (§ 312g (2) no. 9 BGB). */
  noWithdrawal?: boolean;
};

/** Emails of this feature, by name; registered in src/features/email/templates.ts. */
export const checkoutEmailTemplates = {
  receipt: ((t, d: ReceiptData) => ({
    subject: t('checkout.email.receipt.subject', { number: d.number, title: d.title }),
    heading: t('checkout.email.receipt.heading'),
    paragraphs: [
      t(d.files === false ? 'checkout.email.receipt.introReady' : 'checkout.email.receipt.intro', { number: d.number }),
      t('checkout.email.receipt.total', { total: d.total }),
      ...(d.licenseKeys ?? []).map((k) => t('licensing.email.key', k)),
      ...(d.consent ? [t('legal.receipt.consent', d.consent)] : []),
      ...(d.serviceConsent ? [t('legal.receipt.serviceConsent', d.serviceConsent)] : []),
      ...(d.noWithdrawal ? [t('legal.checkout.event.noWithdrawal')] : []),
    ],
    links: d.links,
    action: { label: t('checkout.email.receipt.action'), url: d.libraryUrl },
    note:
      d.files === false ? t('checkout.email.receipt.library') : t('checkout.email.receipt.links', { hours: d.hours }),
  })) satisfies TemplateFn<ReceiptData>,
};

// Adds these templates to the app's TemplateName type (the templates are registered from the feature list).
declare module '../email/templates.js' {
  interface FeatureEmailTemplates {
    checkout: typeof checkoutEmailTemplates;
  }
}
