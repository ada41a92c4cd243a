import { defineMessages } from '../../web/i18n.js';

export const catalogMessages = defineMessages(
  {
    'catalog.title': 'Catalog',
  },
  {
    'catalog.title': 'Catalog',
  },
);
