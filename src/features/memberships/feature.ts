import type { Feature } from '../feature.js';
import { cancellationReceivedHandler } from './cancellation-received.job.js';
import { addDemoMemberships } from './demo.js';
import { membershipsEmailTemplates } from './email-templates.js';
import { membershipsMessages } from './messages.js';
import { membershipEntitlement, membershipOrderSubscriber } from './order-subscriber.js';
import { membershipsPrivacyPart } from './privacy-part.js';
import { syncStripeSubscriptionHandler } from './reconcile-subscriptions.js';
import { renewSubscriptionHandler } from './renew-subscription.job.js';
import { registerMembershipsRoutes } from './routes.js';
import { subscriptionEventHandler } from './subscription-event.job.js';

export const membershipsFeature: Feature = {
  name: 'memberships',
  messages: membershipsMessages,
  emailTemplates: membershipsEmailTemplates,
  demo: addDemoMemberships,
  routes: registerMembershipsRoutes,
  adminRoutes: async () => [
    (await import('./admin.routes.js')).registerTierAdminRoutes,
    (await import('./members.routes.js')).registerMembersAdminRoutes,
  ],
  jobs: [
    renewSubscriptionHandler,
    syncStripeSubscriptionHandler,
    cancellationReceivedHandler,
    subscriptionEventHandler,
  ],
  orders: membershipOrderSubscriber,
  entitlements: [membershipEntitlement],
  adminNav: [
    { href: '/admin/memberships', label: 'memberships.nav', position: 70 },
    { href: '/admin/members', label: 'memberships.members.nav', position: 80 },
  ],
  privacy: membershipsPrivacyPart,
};
