import { defineMessages } from '../../web/i18n.js';

/** The words the job list and the audit log use for what payouts do. */
export const affiliatePayoutsAdminMessages = defineMessages(
  {
    'jobs.kind.affiliate-payouts.monthly-run': 'Monthly affiliate payout run',
    'email.template.affiliate-payout': 'Affiliate payout with its credit note',
    'admin.audit.action.affiliate-payouts.run': 'Affiliate payout run started by hand',
    'admin.audit.field.affiliate-payouts.run.period': 'Month',
    'admin.audit.field.affiliate-payouts.run.created': 'Payouts made',
    'admin.audit.action.affiliate-payouts.sepa-file': 'SEPA file for affiliate payouts made',
    'admin.audit.action.affiliate-payouts.marked-paid': 'Affiliate payouts marked paid',
    'admin.audit.field.affiliate-payouts.sepa-file.batchId': 'File',
    'admin.audit.field.affiliate-payouts.sepa-file.messageId': 'Message ID',
    'admin.audit.field.affiliate-payouts.sepa-file.count': 'Transfers',
    'admin.audit.field.affiliate-payouts.marked-paid.payoutIds': 'Payouts',
    'admin.audit.field.affiliate-payouts.marked-paid.count': 'Marked paid',
  },
  {
    'jobs.kind.affiliate-payouts.monthly-run': 'Monatlicher Auszahlungslauf für Partner',
    'email.template.affiliate-payout': 'Partner-Auszahlung mit Gutschrift',
    'admin.audit.action.affiliate-payouts.run': 'Auszahlungslauf für Partner von Hand gestartet',
    'admin.audit.field.affiliate-payouts.run.period': 'Monat',
    'admin.audit.field.affiliate-payouts.run.created': 'Erstellte Auszahlungen',
    'admin.audit.action.affiliate-payouts.sepa-file': 'SEPA-Datei für Partner-Auszahlungen erstellt',
    'admin.audit.action.affiliate-payouts.marked-paid': 'Partner-Auszahlungen als bezahlt markiert',
    'admin.audit.field.affiliate-payouts.sepa-file.batchId': 'Datei',
    'admin.audit.field.affiliate-payouts.sepa-file.messageId': 'Nachrichten-ID',
    'admin.audit.field.affiliate-payouts.sepa-file.count': 'Überweisungen',
    'admin.audit.field.affiliate-payouts.marked-paid.payoutIds': 'Auszahlungen',
    'admin.audit.field.affiliate-payouts.marked-paid.count': 'Als bezahlt markiert',
  },
);

// Adds these texts' keys to the app's MessageKey type (the dictionary is filled from the feature list).
declare module '../../web/messages.js' {
  interface FeatureMessages {
    affiliatePayoutsAdmin: typeof affiliatePayoutsAdminMessages;
  }
}
