import type { Feature } from '../feature.js';
import { adminMessages } from './messages.js';

export const adminFeature: Feature = {
  name: 'admin',
  messages: adminMessages,
  adminRoutes: async () => [(await import('./routes.js')).registerAdminRoutes],
  adminNav: [
    { href: '/admin', label: 'admin.nav.dashboard', position: 10 },
    { href: '/admin/audit', label: 'admin.nav.audit', position: 170 },
  ],
};
