import { mergeMessageBundles } from '../../web/messages.js';
import type { Feature } from '../feature.js';
import { eventsAdminMessages } from './admin-messages.js';
import { eventCancelJobs } from './cancel.jobs.js';
import { eventCheckoutChoice } from './choice.js';
import { addDemoEvent } from './demo.js';
import { eventsEmailTemplates } from './email-templates.js';
import { eventHoldExpiryHandler, eventOrderSubscriber, eventSoldOutRefundHandler } from './hold-jobs.js';
import { eventLibrarySection } from './library-section.js';
import { eventMailJobs } from './mail.jobs.js';
import { eventsMailMessages } from './mail-messages.js';
import { eventsMessages } from './messages.js';
import { eventsPrivacyPart } from './privacy-part.js';
import { eventProductSection } from './product-section.js';
import { registerEventPublicRoutes } from './public.routes.js';
import { eventSessionHoursHandler, scheduleSessionHours } from './session-hours.js';
import { eventSeatsGate, eventTicketEntitlement } from './tickets.js';
import { eventsWaitlistEmailTemplates, eventWaitlistOfferHandler } from './waitlist-offer.js';

export const eventsFeature: Feature = {
  name: 'events',
  messages: mergeMessageBundles(eventsMessages, eventsMailMessages, eventsAdminMessages),
  emailTemplates: { ...eventsEmailTemplates, ...eventsWaitlistEmailTemplates },
  jobs: [
    eventHoldExpiryHandler,
    eventSoldOutRefundHandler,
    eventWaitlistOfferHandler,
    ...eventMailJobs,
    ...eventCancelJobs,
    eventSessionHoursHandler,
  ],
  start: (services) => scheduleSessionHours(services.database.db),
  routes: registerEventPublicRoutes,
  adminRoutes: async () => [(await import('./admin.routes.js')).registerEventAdminRoutes],
  adminNav: [{ href: '/admin/events', label: 'events.admin.nav', position: 23 }],
  orders: eventOrderSubscriber,
  entitlements: [eventTicketEntitlement],
  fulfilmentGates: [eventSeatsGate],
  checkoutChoice: eventCheckoutChoice,
  librarySection: eventLibrarySection,
  productSection: eventProductSection,
  privacy: eventsPrivacyPart,
  demo: (services, now) => addDemoEvent(services.database.db, now),
};
