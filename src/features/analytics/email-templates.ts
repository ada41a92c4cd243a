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
    subject: t('email.weekly.subject', { net: d.net }),
    heading: t('email.weekly.heading'),
    paragraphs: [
      t('email.weekly.sales', { orders: d.orders, net: d.net, gross: d.gross }),
      t('email.weekly.passive', { passive: d.passive }),
      t('email.weekly.rate', { rate: d.rate, clientRate: d.clientRate }),
    ],
    action: { label: t('email.weekly.action'), url: d.url },
    note: t('email.weekly.note'),
  })) satisfies TemplateFn<WeeklySummaryData>,
};
