import { defineMessages } from '../../web/i18n.js';

export const checkoutMessages = defineMessages(
  {
    'checkout.title': 'Checkout',
  },
  {
    'checkout.title': 'Checkout',
  },
);
