import { defineMessages } from '../../web/i18n.js';

/** The creator's side of podcasts: the admin pages' texts. */
export const podcastsAdminMessages = defineMessages(
  {
    'podcasts.admin.nav': 'Podcasts',
  },
  {
    'podcasts.admin.nav': 'Podcasts',
  },
);

// Adds these texts' keys to the app's MessageKey type (the dictionary is filled from the feature list).
declare module '../../web/messages.js' {
  interface FeatureMessages {
    podcastsAdmin: typeof podcastsAdminMessages;
  }
}
