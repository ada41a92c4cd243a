import { mergeMessageBundles } from '../../web/messages.js';
import type { Feature } from '../feature.js';
import { affiliatePayoutsAdminMessages } from './admin-messages.js';
import { affiliatePayoutsEmailTemplates } from './email-templates.js';
import { affiliatePayoutsMessages } from './messages.js';
import { monthlyPayoutRunHandler, scheduleMonthlyPayoutRun } from './monthly-run.job.js';
import { registerPayoutPortalRoutes } from './portal.routes.js';
import { affiliatePayoutsPrivacyPart } from './privacy-part.js';

/** Affiliate payouts: the monthly run, self-billed credit notes (Gutschrift, EN 16931), SEPA files, the partner's history. */
export const affiliatePayoutsFeature: Feature = {
  name: 'affiliate-payouts',
  messages: mergeMessageBundles(affiliatePayoutsMessages, affiliatePayoutsAdminMessages),
  emailTemplates: affiliatePayoutsEmailTemplates,
  routes: registerPayoutPortalRoutes,
  adminRoutes: async () => [(await import('./admin.routes.js')).registerPayoutAdminRoutes],
  jobs: [monthlyPayoutRunHandler],
  privacy: affiliatePayoutsPrivacyPart,
  start: (services) => scheduleMonthlyPayoutRun(services.database.db),
  adminNav: [{ href: '/admin/affiliates/payouts', label: 'affiliatePayouts.nav', position: 46 }],
};
