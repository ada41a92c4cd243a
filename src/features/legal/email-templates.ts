import type { TemplateFn } from '../email/template-types.js';
import type { WithdrawalState } from './withdrawal-rules.js';

export type WithdrawalReceivedData = { number: string; titles: string; date: string };
export type WithdrawalDeclaredData = WithdrawalReceivedData & { url: string; days: number };
export type WithdrawalNotPossibleData = WithdrawalReceivedData & {
  reason: Exclude<WithdrawalState['kind'], 'open' | 'withdrawn'>;
  /** The end of the period, formatted, for 'expired'. */
  endedAt: string;
};

/** Emails of the legal feature; registered in src/features/email/templates.ts. */
export const legalEmailTemplates = {
  /** § 356a BGB: the confirmation on a durable medium, with the time the withdrawal was received. */
  'withdrawal-received': ((t, d: WithdrawalReceivedData) => ({
    subject: t('legal.withdraw.email.subject', { number: d.number }),
    heading: t('legal.withdraw.email.heading'),
    paragraphs: [t('legal.withdraw.email.body', d), t('legal.withdraw.email.refund')],
    note: t('legal.withdraw.email.note'),
  })) satisfies TemplateFn<WithdrawalReceivedData>,
  /**
   * § 356a BGB, declared on the public form: the confirmation of receipt
   * (content, date and time), sent to the order's address, with the link that
   * carries the withdrawal out.
   */
  'withdrawal-declared': ((t, d: WithdrawalDeclaredData) => ({
    subject: t('legal.withdraw.email.subject', { number: d.number }),
    heading: t('legal.withdraw.email.heading'),
    paragraphs: [
      t('legal.withdraw.email.body', d),
      t('legal.withdraw.email.declared.counts'),
      t('legal.withdraw.email.declared.click'),
    ],
    action: { label: t('legal.withdraw.email.declared.action'), url: d.url },
    note: t('legal.withdraw.email.declared.note', { days: d.days }),
  })) satisfies TemplateFn<WithdrawalDeclaredData>,
  /** The confirmation of receipt for an order without a right of withdrawal (left), and why. */
  'withdrawal-not-possible': ((t, d: WithdrawalNotPossibleData) => ({
    subject: t('legal.withdraw.email.subject', { number: d.number }),
    heading: t('legal.withdraw.email.notPossible.heading'),
    paragraphs: [
      t('legal.withdraw.email.notPossible.body', d),
      d.reason === 'expired'
        ? t('legal.withdraw.reason.expired', { date: d.endedAt })
        : t(`legal.withdraw.reason.${d.reason}`),
      t('legal.withdraw.email.notPossible.contact'),
    ],
    note: t('legal.withdraw.email.notPossible.note'),
  })) satisfies TemplateFn<WithdrawalNotPossibleData>,
} as const;

// Adds these templates to the app's TemplateName type (the templates are registered from the feature list).
declare module '../email/templates.js' {
  interface FeatureEmailTemplates {
    legal: typeof legalEmailTemplates;
  }
}
