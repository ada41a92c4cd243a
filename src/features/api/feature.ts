import { mergeMessageBundles } from '../../web/messages.js';
import type { Feature } from '../feature.js';
import { apiAdminMessages } from './admin-messages.js';
import { apiMessages } from './messages.js';
import { apiPruneIdempotencyHandler, schedulePruneIdempotency } from './prune-idempotency.js';
import { registerApiV1Routes } from './v1.routes.js';

/** The public REST API under /api/v1: tokens with scopes, cursor pages, Idempotency-Key, its OpenAPI document. */
export const apiFeature: Feature = {
  name: 'api',
  messages: mergeMessageBundles(apiMessages, apiAdminMessages),
  jobs: [apiPruneIdempotencyHandler],
  start: (services) => schedulePruneIdempotency(services.database.db),
  routes: registerApiV1Routes,
  adminRoutes: async () => [(await import('./admin.routes.js')).registerApiTokenAdminRoutes],
  adminNav: [{ href: '/admin/api-tokens', label: 'api.admin.nav', position: 150 }],
};
