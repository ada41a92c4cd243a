import type { Feature } from '../feature.js';
import { eventCheckoutChoice } from './choice.js';
import { eventHoldExpiryHandler, eventOrderSubscriber, eventSoldOutRefundHandler } from './hold-jobs.js';
import { eventLibrarySection } from './library-section.js';
import { eventsMessages } from './messages.js';
import { registerEventPublicRoutes } from './public.routes.js';
import { eventSeatsGate, eventTicketEntitlement } from './tickets.js';
import { eventsWaitlistEmailTemplates, eventWaitlistOfferHandler } from './waitlist-offer.js';

export const eventsFeature: Feature = {
  name: 'events',
  messages: eventsMessages,
  emailTemplates: eventsWaitlistEmailTemplates,
  jobs: [eventHoldExpiryHandler, eventSoldOutRefundHandler, eventWaitlistOfferHandler],
  routes: (app, services) => {
    registerEventPublicRoutes(app, services);
  },
  orders: eventOrderSubscriber,
  entitlements: [eventTicketEntitlement],
  fulfilmentGates: [eventSeatsGate],
  checkoutChoice: eventCheckoutChoice,
  librarySection: eventLibrarySection,
};
