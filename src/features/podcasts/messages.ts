import { defineMessages } from '../../web/i18n.js';

/** Texts more than one part of podcasts uses (the admin, feeds and library have their own files). */
export const podcastsMessages = defineMessages(
  {
    'podcasts.episodeType.full': 'Episode',
    'podcasts.episodeType.trailer': 'Trailer',
    'podcasts.episodeType.bonus': 'Bonus',
    'podcasts.access.public': 'Public (also in the public feed)',
    'podcasts.access.listeners': 'Members and buyers only',
    'podcasts.effort.note': 'Recording: {show}',
  },
  {
    'podcasts.episodeType.full': 'Folge',
    'podcasts.episodeType.trailer': 'Trailer',
    'podcasts.episodeType.bonus': 'Bonus',
    'podcasts.access.public': 'Öffentlich (auch im öffentlichen Feed)',
    'podcasts.access.listeners': 'Nur Mitglieder und Käufer',
    'podcasts.effort.note': 'Aufnahme: {show}',
  },
);

// Adds these texts' keys to the app's MessageKey type (the dictionary is filled from the feature list).
declare module '../../web/messages.js' {
  interface FeatureMessages {
    podcasts: typeof podcastsMessages;
  }
}
