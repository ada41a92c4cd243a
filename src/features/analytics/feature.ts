import type { Feature } from '../feature.js';
import { analyticsEmailTemplates } from './email-templates.js';
import { analyticsMessages } from './messages.js';
import { analyticsOrderSubscriber } from './order-subscriber.js';
import { rebuildAnalyticsHandler } from './rebuild.job.js';
import { weeklySummaryHandler } from './weekly-summary.job.js';

export const analyticsFeature: Feature = {
  name: 'analytics',
  messages: analyticsMessages,
  emailTemplates: analyticsEmailTemplates,
  adminRoutes: async () => [(await import('./routes.js')).registerAnalyticsRoutes],
  jobs: [rebuildAnalyticsHandler, weeklySummaryHandler],
  orders: analyticsOrderSubscriber,
  adminNav: [{ href: '/admin/analytics', label: 'analytics.nav', position: 90 }],
};
