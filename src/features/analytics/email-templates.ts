import type { TemplateFn } from '../email/template-types.js';

export type WeeklySummaryData = {
  orders: number;
  net: string;
  gross: string;
  passive: string;
  rate: string;
  clientRate: string;
  url: string;
};

/** Emails of this feature, by name; registered in src/features/email/templates.ts. */
export const analyticsEmailTemplates = {
  'analytics-weekly': ((t, d: WeeklySummaryData) => ({
    subject: t('analytics.email.weekly.subject', { net: d.net }),
    heading: t('analytics.email.weekly.heading'),
    paragraphs: [
      t('analytics.email.weekly.sales', { orders: d.orders, net: d.net, gross: d.gross }),
      t('analytics.email.weekly.passive', { passive: d.passive }),
      t('analytics.email.weekly.rate', { rate: d.rate, clientRate: d.clientRate }),
    ],
    action: { label: t('analytics.email.weekly.action'), url: d.url },
    note: t('analytics.email.weekly.note'),
  })) satisfies TemplateFn<WeeklySummaryData>,
};

// Adds these templates to the app's TemplateName type (the templates are registered from the feature list).
declare module '../email/templates.js' {
  interface FeatureEmailTemplates {
    analytics: typeof analyticsEmailTemplates;
  }
}
