import type { TemplateFn } from '../email/template-types.js';

export type AffiliatePayoutEmailData = { number: string; amount: string; url: string };

/** Emails of this feature, by name; registered from the feature list. */
export const affiliatePayoutsEmailTemplates = {
  /**
   * A payout was made: the credit note is issued in the affiliate's name, so
   * they are told and where to read it (a self-billed invoice must reach the
   * supplier, who may object to it, § 14 Abs. 2 Satz 3 UStG).
   */
  'affiliate-payout': ((t, d: AffiliatePayoutEmailData) => ({
    subject: t('affiliatePayouts.email.subject', { number: d.number }),
    heading: t('affiliatePayouts.email.heading'),
    paragraphs: [t('affiliatePayouts.email.body', { number: d.number, amount: d.amount })],
    action: { label: t('affiliatePayouts.email.action'), url: d.url },
    note: t('affiliatePayouts.email.note'),
  })) satisfies TemplateFn<AffiliatePayoutEmailData>,
} as const;

declare module '../email/templates.js' {
  interface FeatureEmailTemplates {
    affiliatePayouts: typeof affiliatePayoutsEmailTemplates;
  }
}
