import { mergeMessageBundles } from '../../web/messages.js';
import type { Feature } from '../feature.js';
import { bookingsAdminMessages } from './admin-messages.js';
import { bookingsAvailabilityMessages } from './availability-messages.js';
import { bookingEntitlement, bookingSlotGate } from './booking-entitlement.js';
import { bookingCheckoutChoice } from './choice.js';
import { bookingClientWorkHandler, scheduleClientWork } from './client-work.js';
import { addDemoBookings } from './demo.js';
import { bookingsEmailTemplates } from './email-templates.js';
import { bookingHoldExpiryHandler, bookingOrderSubscriber, bookingSoldOutRefundHandler } from './hold-jobs.js';
import { bookingMailJobs } from './mail.jobs.js';
import { bookingsMailMessages } from './mail-messages.js';
import { registerBookingPublicRoutes } from './manage.routes.js';
import { bookingsMessages } from './messages.js';
import { bookingsPrivacyPart } from './privacy-part.js';
import { bookingProductSection } from './product-section.js';

export const bookingsFeature: Feature = {
  name: 'bookings',
  messages: mergeMessageBundles(
    bookingsMessages,
    bookingsMailMessages,
    bookingsAvailabilityMessages,
    bookingsAdminMessages,
  ),
  emailTemplates: bookingsEmailTemplates,
  jobs: [bookingHoldExpiryHandler, bookingSoldOutRefundHandler, bookingClientWorkHandler, ...bookingMailJobs],
  start: (services) => scheduleClientWork(services.database.db),
  routes: registerBookingPublicRoutes,
  adminRoutes: async () => [
    (await import('./availability.routes.js')).registerAvailabilityRoutes,
    (await import('./admin.routes.js')).registerBookingAdminRoutes,
  ],
  adminNav: [{ href: '/admin/bookings', label: 'bookings.admin.nav', position: 24 }],
  orders: bookingOrderSubscriber,
  entitlements: [bookingEntitlement],
  fulfilmentGates: [bookingSlotGate],
  checkoutChoice: bookingCheckoutChoice,
  productSection: bookingProductSection,
  privacy: bookingsPrivacyPart,
  demo: (services) => addDemoBookings(services.database.db),
};
