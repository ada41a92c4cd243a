import type { TemplateFn } from '../email/template-types.js';

export type NewsletterConfirmData = { url: string; hours: number; storeName: string };

/** Emails of this feature, by name; registered in src/features/email/templates.ts. */
export const newsletterEmailTemplates = {
  /** Double opt-in: the link opens a page with a confirm button. */
  'newsletter-confirm': ((t, d: NewsletterConfirmData) => ({
    subject: t('newsletter.email.confirm.subject', { store: d.storeName }),
    heading: t('newsletter.email.confirm.heading'),
    paragraphs: [t('newsletter.email.confirm.body', { store: d.storeName, hours: d.hours })],
    action: { label: t('newsletter.email.confirm.action'), url: d.url },
    note: t('newsletter.email.confirm.note'),
  })) satisfies TemplateFn<NewsletterConfirmData>,
} as const;

// Adds these templates to the app's TemplateName type (the templates are registered from the feature list).
declare module '../email/templates.js' {
  interface FeatureEmailTemplates {
    newsletter: typeof newsletterEmailTemplates;
  }
}
