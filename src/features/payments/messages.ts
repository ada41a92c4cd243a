import { defineMessages } from '../../web/i18n.js';

export const paymentsMessages = defineMessages(
  {
    'payments.title': 'Payments',
  },
  {
    'payments.title': 'Payments',
  },
);
