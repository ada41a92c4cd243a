import { defineMessages } from '../../web/i18n.js';

/** What feeds and their audio answers say (feeds are read in the show's language). */
export const podcastsFeedMessages = defineMessages(
  {
    'podcasts.feed.ended.title': 'Your access has ended',
  },
  {
    'podcasts.feed.ended.title': 'Ihr Zugang ist beendet',
  },
);

// Adds these texts' keys to the app's MessageKey type (the dictionary is filled from the feature list).
declare module '../../web/messages.js' {
  interface FeatureMessages {
    podcastsFeed: typeof podcastsFeedMessages;
  }
}
