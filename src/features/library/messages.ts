import { defineMessages } from '../../web/i18n.js';

export const libraryMessages = defineMessages(
  {
    'library.title': 'Library',
  },
  {
    'library.title': 'Library',
  },
);
