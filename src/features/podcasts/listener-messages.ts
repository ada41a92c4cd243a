import { defineMessages } from '../../web/i18n.js';

/** The listener's side: library, subscribe page, product page. */
export const podcastsListenerMessages = defineMessages(
  {
    'podcasts.library.title': 'Your podcasts',
  },
  {
    'podcasts.library.title': 'Ihre Podcasts',
  },
);

// Adds these texts' keys to the app's MessageKey type (the dictionary is filled from the feature list).
declare module '../../web/messages.js' {
  interface FeatureMessages {
    podcastsListener: typeof podcastsListenerMessages;
  }
}
