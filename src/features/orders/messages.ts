import { defineMessages } from '../../web/i18n.js';

export const ordersMessages = defineMessages(
  {
    'orders.title': 'Orders',
  },
  {
    'orders.title': 'Orders',
  },
);
