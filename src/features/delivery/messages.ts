import { defineMessages } from '../../web/i18n.js';

export const deliveryMessages = defineMessages(
  {
    'delivery.title': 'Delivery',
  },
  {
    'delivery.title': 'Delivery',
  },
);
