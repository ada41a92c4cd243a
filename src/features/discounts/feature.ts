import type { Feature } from '../feature.js';
import { discountsMessages } from './messages.js';
import { discountOrderSubscriber } from './order-subscriber.js';

export const discountsFeature: Feature = {
  name: 'discounts',
  messages: discountsMessages,
  adminRoutes: async () => [(await import('./routes.js')).registerDiscountsRoutes],
  orders: discountOrderSubscriber,
  adminNav: [{ href: '/admin/discounts', label: 'admin.nav.discounts', position: 50 }],
};
