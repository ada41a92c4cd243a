import { defineMessages } from '../../web/i18n.js';

/** What feeds and their audio answers say (feeds are read in the show's language). */
export const podcastsFeedMessages = defineMessages(
  {
    'podcasts.feed.titleFor': '{show} (for {listener})',
    'podcasts.feed.ended.title': 'Your access has ended',
    'podcasts.feed.ended.body':
      'Your access to “{show}” has ended, so this feed shows no episodes for now. Renew at {url} — this same feed brings every episode back, there is nothing to subscribe again.',
    'podcasts.feed.suspended.title': 'This feed is paused',
    'podcasts.feed.suspended.body':
      '{store} has paused this private feed of “{show}”. If you think this is a mistake, please get in touch: {contact}',
    'podcasts.feed.welcome.title': 'Welcome to {show}',
    'podcasts.feed.welcome.body':
      'You are subscribed to “{show}”. The first episode will appear here as soon as it is published.',
  },
  {
    'podcasts.feed.titleFor': '{show} (für {listener})',
    'podcasts.feed.ended.title': 'Ihr Zugang ist beendet',
    'podcasts.feed.ended.body':
      'Ihr Zugang zu „{show}“ ist beendet, daher zeigt dieser Feed derzeit keine Folgen. Verlängern Sie unter {url} — dieser Feed bringt dann alle Folgen zurück, Sie müssen nichts neu abonnieren.',
    'podcasts.feed.suspended.title': 'Dieser Feed ist pausiert',
    'podcasts.feed.suspended.body':
      '{store} hat diesen privaten Feed von „{show}“ pausiert. Wenn Sie das für einen Irrtum halten, melden Sie sich bitte: {contact}',
    'podcasts.feed.welcome.title': 'Willkommen bei {show}',
    'podcasts.feed.welcome.body':
      'Sie haben „{show}“ abonniert. Die erste Folge erscheint hier, sobald sie veröffentlicht ist.',
  },
);

// Adds these texts' keys to the app's MessageKey type (the dictionary is filled from the feature list).
declare module '../../web/messages.js' {
  interface FeatureMessages {
    podcastsFeed: typeof podcastsFeedMessages;
  }
}
