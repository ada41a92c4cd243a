import type { Feature } from '../feature.js';

/** Outgoing webhooks: signed deliveries (Standard Webhooks) of the store's events to the creator's endpoints. */
export const webhooksFeature: Feature = {
  name: 'webhooks',
};
