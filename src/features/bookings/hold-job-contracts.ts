import { z } from 'zod';
import { defineJobContract } from '../../jobs/define.js';

/* The jobs of a booking's hold and of the hours it records; the handlers are bound in feature.ts. */

/** A booking's hold may have run out: frees the slot if the order is still unpaid. */
export const bookingHoldExpiryJob = defineJobContract({
  kind: 'bookings.hold-expiry',
  payload: z.object({ bookingId: z.string() }),
});

/** Paid after the slot was taken meanwhile: refunded in full, the client told why. */
export const bookingSoldOutRefundJob = defineJobContract({
  kind: 'bookings.sold-out-refund',
  payload: z.object({ orderId: z.string() }),
});

/** Hourly: records the sessions held since the last run as 1:1 work with their income (client-work.ts). */
export const bookingClientWorkJob = defineJobContract({
  kind: 'bookings.client-work',
  payload: z.object({}),
  maxAttempts: 3,
});
