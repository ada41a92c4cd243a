import type { Entitlement } from '../../order-core/entitlements.js';
import type { OrderSubscriber } from '../../order-core/events.js';
import { activateSubscriptionForOrder } from './activate-subscription.js';
import { endUnstartedSubscription } from './end-unstarted-subscription.js';

/**
 * A membership's first period: its subscription starts when the order is
 * fulfilled (a no-op for every other order, renewals included). A refund or a
 * dispute of a period does not end the subscription by itself: access follows
 * the subscription's own state (`access.ts`), which the admin or the provider ends.
 */
export const membershipEntitlement: Entitlement = {
  kind: 'membership',
  grant: async (trx, { order }) => ((await activateSubscriptionForOrder(trx, order.id)) ? 1 : 0),
  revoke: async () => {},
  restore: async () => {},
};

/** The first period's order was declined or ran out: its subscription never starts (a later payment still starts it). */
export const membershipOrderSubscriber: OrderSubscriber = {
  within: {
    failed: async (trx, e) => {
      await endUnstartedSubscription(trx, e.orderId, e.reason);
    },
    expired: async (trx, e) => {
      await endUnstartedSubscription(trx, e.order.id, 'expired');
    },
  },
};
