import { mergeMessageBundles } from '../../web/messages.js';
import type { Feature } from '../feature.js';
import { affiliatesAdminMessages } from './admin-messages.js';
import { affiliatesApproveHandler, scheduleApproval } from './approve.job.js';
import { addDemoAffiliates } from './demo.js';
import { affiliatesEmailTemplates } from './email-templates.js';
import { affiliatesMessages } from './messages.js';
import { affiliatesOrderSubscriber } from './order-subscriber.js';
import { registerPortalRoutes } from './portal.routes.js';
import { affiliatesPrivacyPart } from './privacy-part.js';
import { registerReferralRoutes } from './referral.routes.js';

/** Affiliates: referral links without tracking consent, attribution, the commission ledger, the partner portal. */
export const affiliatesFeature: Feature = {
  name: 'affiliates',
  messages: mergeMessageBundles(affiliatesMessages, affiliatesAdminMessages),
  emailTemplates: affiliatesEmailTemplates,
  routes: (app, services) => {
    registerReferralRoutes(app, services);
    registerPortalRoutes(app, services);
  },
  adminRoutes: async () => [(await import('./admin.routes.js')).registerAffiliateAdminRoutes],
  jobs: [affiliatesApproveHandler],
  start: (services) => scheduleApproval(services.database.db),
  orders: affiliatesOrderSubscriber,
  privacy: affiliatesPrivacyPart,
  demo: (services, now) => addDemoAffiliates(services, now),
  adminNav: [{ href: '/admin/affiliates', label: 'affiliates.nav', position: 45 }],
};
