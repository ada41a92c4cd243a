import type { TemplateFn } from '../email/template-types.js';

export type WithdrawalReceivedData = { number: string; titles: string; date: string };

/** Emails of the legal feature; registered in src/features/email/templates.ts. */
export const legalEmailTemplates = {
  /** § 356a BGB: the confirmation on a durable medium, with the time the withdrawal was received. */
  'withdrawal-received': ((t, d: WithdrawalReceivedData) => ({
    subject: t('withdraw.email.subject', { number: d.number }),
    heading: t('withdraw.email.heading'),
    paragraphs: [t('withdraw.email.body', d), t('withdraw.email.refund')],
    note: t('withdraw.email.note'),
  })) satisfies TemplateFn<WithdrawalReceivedData>,
} as const;
