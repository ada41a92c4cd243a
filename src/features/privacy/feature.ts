import type { Feature } from '../feature.js';
import { privacyMessages } from './messages.js';
import { retentionSweepHandler } from './retention.job.js';
import { registerPrivacyRoutes } from './routes.js';

export const privacyFeature: Feature = {
  name: 'privacy',
  messages: privacyMessages,
  routes: registerPrivacyRoutes,
  adminRoutes: async () => [(await import('./admin.routes.js')).registerPrivacyAdminRoutes],
  jobs: [retentionSweepHandler],
};
