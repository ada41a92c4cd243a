import type { Feature } from '../feature.js';
import { registerAccountRoutes } from './account.routes.js';
import { authMessages } from './messages.js';
import { registerAuthRoutes } from './routes.js';

export const authFeature: Feature = {
  name: 'auth',
  messages: authMessages,
  routes: (app, services) => {
    registerAuthRoutes(app, services);
    registerAccountRoutes(app, services);
  },
  adminNav: [{ href: '/admin/account', label: 'admin.nav.account', position: 180 }],
};
