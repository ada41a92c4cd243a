import type { TemplateFn } from '../email/template-types.js';

export type AffiliateLoginEmailData = { url: string; minutes: number };
export type AffiliateWelcomeEmailData = { url: string; store: string };

/** Emails of this feature, by name; registered from the feature list. */
export const affiliatesEmailTemplates = {
  /** The single-use link that signs a partner in to the portal. */
  'affiliate-login': ((t, d: AffiliateLoginEmailData) => ({
    subject: t('affiliates.email.login.subject'),
    heading: t('affiliates.email.login.heading'),
    paragraphs: [t('affiliates.email.login.body', { minutes: d.minutes })],
    action: { label: t('affiliates.email.login.action'), url: d.url },
    note: t('affiliates.email.login.note'),
  })) satisfies TemplateFn<AffiliateLoginEmailData>,
  /** The creator invited someone (approved at once). */
  'affiliate-invite': ((t, d: AffiliateWelcomeEmailData) => ({
    subject: t('affiliates.email.invite.subject', { store: d.store }),
    heading: t('affiliates.email.invite.heading'),
    paragraphs: [t('affiliates.email.invite.body', { store: d.store })],
    action: { label: t('affiliates.email.invite.action'), url: d.url },
  })) satisfies TemplateFn<AffiliateWelcomeEmailData>,
  /** An application was approved. */
  'affiliate-approved': ((t, d: AffiliateWelcomeEmailData) => ({
    subject: t('affiliates.email.approved.subject', { store: d.store }),
    heading: t('affiliates.email.approved.heading'),
    paragraphs: [t('affiliates.email.approved.body', { store: d.store })],
    action: { label: t('affiliates.email.approved.action'), url: d.url },
  })) satisfies TemplateFn<AffiliateWelcomeEmailData>,
} as const;

declare module '../email/templates.js' {
  interface FeatureEmailTemplates {
    affiliates: typeof affiliatesEmailTemplates;
  }
}
