import type { Feature } from '../feature.js';
import { ordersMessages } from './messages.js';

export const ordersFeature: Feature = {
  name: 'orders',
  messages: ordersMessages,
  adminRoutes: async () => [
    (await import('./orders.routes.js')).registerOrderPages,
    (await import('./customers.routes.js')).registerCustomerPages,
  ],
  adminNav: [
    { href: '/admin/orders', label: 'admin.nav.orders', position: 30 },
    { href: '/admin/customers', label: 'admin.nav.customers', position: 40 },
  ],
};
