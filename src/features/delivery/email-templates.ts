import type { TemplateFn } from '../email/template-types.js';

export type FreshLinksEmailData = {
  title: string;
  hours: number;
  files: { label: string; url: string; note?: string }[];
};

/** Emails of this feature, by name; registered in src/features/email/templates.ts. */
export const deliveryEmailTemplates = {
  /** Fresh download links for one purchase, asked for on an expired link's page. */
  'delivery-fresh-links': ((t, d: FreshLinksEmailData) => ({
    subject: t('delivery.email.fresh.subject', { title: d.title }),
    heading: t('delivery.email.fresh.heading'),
    paragraphs: [t('delivery.email.fresh.body', { title: d.title, hours: d.hours })],
    links: d.files,
    note: t('delivery.email.fresh.note'),
  })) satisfies TemplateFn<FreshLinksEmailData>,
} as const;

// Adds these templates to the app's TemplateName type (the templates are registered from the feature list).
declare module '../email/templates.js' {
  interface FeatureEmailTemplates {
    delivery: typeof deliveryEmailTemplates;
  }
}
