import { defineMessages } from '../web/i18n.js';

export const jobsMessages = defineMessages(
  {
    'jobs.title': 'Background jobs',
  },
  {
    'jobs.title': 'Hintergrundaufgaben',
  },
);
