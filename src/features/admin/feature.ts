import type { Feature } from '../feature.js';
import { adminMessages } from './messages.js';
import { registerAdminRoutes } from './routes.js';

export const adminFeature: Feature = {
  name: 'admin',
  messages: adminMessages,
  routes: registerAdminRoutes,
  adminNav: [
    { href: '/admin', label: 'admin.nav.dashboard', position: 10 },
    { href: '/admin/audit', label: 'admin.nav.audit', position: 170 },
  ],
};
