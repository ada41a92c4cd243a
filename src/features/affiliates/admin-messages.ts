import { defineMessages } from '../../web/i18n.js';

/** Labels of this feature's internal names on shared admin pages: the audit log, the email outbox, the jobs. */
export const affiliatesAdminMessages = defineMessages(
  {
    'admin.audit.action.affiliate.invited': 'Affiliate invited',
    'admin.audit.action.affiliate.approve': 'Affiliate approved',
    'admin.audit.action.affiliate.reject': 'Affiliate application rejected',
    'admin.audit.action.affiliate.suspend': 'Affiliate suspended',
    'admin.audit.action.affiliate.commission': 'Affiliate commission changed',
    'admin.audit.field.affiliateId': 'Affiliate',
    'email.template.affiliate-login': 'Partner portal sign-in link',
    'email.template.affiliate-invite': 'Affiliate invitation',
    'email.template.affiliate-approved': 'Affiliate application approved',
    'jobs.kind.affiliates.approve-commissions': 'Mark affiliate commissions whose hold ended',
  },
  {
    'admin.audit.action.affiliate.invited': 'Affiliate eingeladen',
    'admin.audit.action.affiliate.approve': 'Affiliate freigegeben',
    'admin.audit.action.affiliate.reject': 'Affiliate-Bewerbung abgelehnt',
    'admin.audit.action.affiliate.suspend': 'Affiliate gesperrt',
    'admin.audit.action.affiliate.commission': 'Affiliate-Provision geändert',
    'admin.audit.field.affiliateId': 'Affiliate',
    'email.template.affiliate-login': 'Anmeldelink zum Partnerbereich',
    'email.template.affiliate-invite': 'Affiliate-Einladung',
    'email.template.affiliate-approved': 'Affiliate-Bewerbung freigegeben',
    'jobs.kind.affiliates.approve-commissions': 'Affiliate-Provisionen nach der Haltefrist freigeben',
  },
);

declare module '../../web/messages.js' {
  interface FeatureMessages {
    affiliatesAdmin: typeof affiliatesAdminMessages;
  }
}
