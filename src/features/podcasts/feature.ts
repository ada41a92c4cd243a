import { mergeMessageBundles } from '../../web/messages.js';
import type { Feature } from '../feature.js';
import { podcastProbeHandler, podcastPublishHandler } from './admin-jobs.js';
import { podcastsAdminMessages } from './admin-messages.js';
import { addDemoPodcast } from './demo.js';
import { registerPodcastFeedRoutes } from './feed.routes.js';
import { podcastsFeedMessages } from './feed-messages.js';
import { registerPodcastLibraryRoutes } from './library.routes.js';
import { podcastLibrarySection } from './library-section.js';
import { podcastsListenerMessages } from './listener-messages.js';
import { podcastsMessages } from './messages.js';
import { podcastsPrivacyPart } from './privacy-part.js';
import { podcastProductSection } from './product-section.js';
import { podcastPurchaseEntitlement } from './purchase-entitlement.js';
import { podcastSharingScanHandler, scheduleSharingScan } from './sharing-scan.js';

export const podcastsFeature: Feature = {
  name: 'podcasts',
  messages: mergeMessageBundles(
    podcastsMessages,
    podcastsAdminMessages,
    podcastsFeedMessages,
    podcastsListenerMessages,
  ),
  jobs: [podcastPublishHandler, podcastProbeHandler, podcastSharingScanHandler],
  start: (services) => scheduleSharingScan(services.database.db),
  routes: (app, services) => {
    registerPodcastFeedRoutes(app, services);
    registerPodcastLibraryRoutes(app, services);
  },
  adminRoutes: async () => [(await import('./admin.routes.js')).registerPodcastAdminRoutes],
  adminNav: [{ href: '/admin/podcasts', label: 'podcasts.admin.nav', position: 24 }],
  entitlements: [podcastPurchaseEntitlement],
  librarySection: podcastLibrarySection,
  productSection: podcastProductSection,
  privacy: podcastsPrivacyPart,
  demo: (services, now) => addDemoPodcast(services, now),
};
