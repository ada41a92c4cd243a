import { rateLimitKey } from './auth.js';
import type { ApiScope } from './scopes.js';

/** Requests per minute and token. */
export const API_RATE_PER_MINUTE = 120;

export const API_TAGS = [
  'Products',
  'Orders',
  'Customers',
  'Licence keys',
  'Members',
  'Posts',
  'Courses',
  'Events',
  'Bookings',
  'Podcasts',
] as const;

/** A route's config and the schema parts every route shares: its scope (checked and documented), tag and limit. */
export function endpoint(scope: ApiScope, tag: (typeof API_TAGS)[number], summary: string) {
  return {
    config: {
      apiScope: scope,
      rateLimit: { max: API_RATE_PER_MINUTE, timeWindow: '1 minute', keyGenerator: rateLimitKey },
    },
    schema: { tags: [tag], summary, security: [{ bearer: [scope] }] },
  };
}
