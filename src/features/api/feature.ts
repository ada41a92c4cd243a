import type { Feature } from '../feature.js';

/** The public REST API under /api/v1: tokens with scopes, cursor pages, Idempotency-Key, its OpenAPI document. */
export const apiFeature: Feature = {
  name: 'api',
};
