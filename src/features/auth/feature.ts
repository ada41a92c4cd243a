import type { Feature } from '../feature.js';
import { authMessages } from './messages.js';

export const authFeature: Feature = {
  name: 'auth',
  messages: authMessages,
  adminRoutes: async () => [
    (await import('./routes.js')).registerAuthRoutes,
    (await import('./account.routes.js')).registerAccountRoutes,
  ],
  adminNav: [{ href: '/admin/account', label: 'admin.nav.account', position: 180 }],
};
