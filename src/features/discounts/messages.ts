import { defineMessages } from '../../web/i18n.js';

export const discountsMessages = defineMessages(
  {
    'discounts.title': 'Discounts',
  },
  {
    'discounts.title': 'Discounts',
  },
);
