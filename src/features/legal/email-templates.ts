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
    subject: t('withdraw.email.subject', { number: d.number }),
    heading: t('withdraw.email.heading'),
    paragraphs: [t('withdraw.email.body', d), t('withdraw.email.refund')],
    note: t('withdraw.email.note'),
  })) satisfies TemplateFn<WithdrawalReceivedData>,
  /**
   * § 356a BGB, declared on the public form: the confirmation of receipt
   * (content, date and time), sent to the order's address, with the link that
   * carries the withdrawal out.
   */
  'withdrawal-declared': ((t, d: WithdrawalDeclaredData) => ({
    subject: t('withdraw.email.subject', { number: d.number }),
    heading: t('withdraw.email.heading'),
    paragraphs: [t('withdraw.email.body', d), t('withdraw.email.declared.counts'), t('withdraw.email.declared.click')],
    action: { label: t('withdraw.email.declared.action'), url: d.url },
    note: t('withdraw.email.declared.note', { days: d.days }),
  })) satisfies TemplateFn<WithdrawalDeclaredData>,
  /** The confirmation of receipt for an order without a right of withdrawal (left), and why. */
  'withdrawal-not-possible': ((t, d: WithdrawalNotPossibleData) => ({
    subject: t('withdraw.email.subject', { number: d.number }),
    heading: t('withdraw.email.notPossible.heading'),
    paragraphs: [
      t('withdraw.email.notPossible.body', d),
      d.reason === 'expired' ? t('withdraw.reason.expired', { date: d.endedAt }) : t(`withdraw.reason.${d.reason}`),
      t('withdraw.email.notPossible.contact'),
    ],
    note: t('withdraw.email.notPossible.note'),
  })) satisfies TemplateFn<WithdrawalNotPossibleData>,
} as const;
