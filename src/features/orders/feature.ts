import type { Feature } from '../feature.js';
import { ordersMessages } from './messages.js';
import { registerOrdersRoutes } from './routes.js';

export const ordersFeature: Feature = {
  name: 'orders',
  messages: ordersMessages,
  routes: registerOrdersRoutes,
  adminNav: [
    { href: '/admin/orders', label: 'admin.nav.orders', position: 30 },
    { href: '/admin/customers', label: 'admin.nav.customers', position: 40 },
  ],
};
