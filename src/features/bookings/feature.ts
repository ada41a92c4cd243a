import type { Feature } from '../feature.js';
import { bookingEntitlement, bookingSlotGate } from './booking-entitlement.js';
import { bookingCheckoutChoice } from './choice.js';
import { bookingClientWorkHandler, scheduleClientWork } from './client-work.js';
import { bookingHoldExpiryHandler, bookingOrderSubscriber, bookingSoldOutRefundHandler } from './hold-jobs.js';
import { bookingsMessages } from './messages.js';

export const bookingsFeature: Feature = {
  name: 'bookings',
  messages: bookingsMessages,
  jobs: [bookingHoldExpiryHandler, bookingSoldOutRefundHandler, bookingClientWorkHandler],
  start: (services) => scheduleClientWork(services.database.db),
  orders: bookingOrderSubscriber,
  entitlements: [bookingEntitlement],
  fulfilmentGates: [bookingSlotGate],
  checkoutChoice: bookingCheckoutChoice,
};
