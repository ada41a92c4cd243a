/** What a token may do; an admin picks from this fixed list. */
export const API_SCOPES = [
  'products:read',
  'orders:read',
  'orders:write',
  'customers:read',
  'license-keys:read',
  'members:read',
  'tiers:read',
  'posts:read',
  'courses:read',
  'events:read',
  'bookings:read',
  'podcasts:read',
] as const;

export type ApiScope = (typeof API_SCOPES)[number];

export function isApiScope(value: string): value is ApiScope {
  return (API_SCOPES as readonly string[]).includes(value);
}

/** A token's stored scopes, unknown ones dropped (a scope removed from the list grants nothing). */
export function parseScopes(json: string): ApiScope[] {
  try {
    const list: unknown = JSON.parse(json);
    return Array.isArray(list) ? list.filter((s): s is ApiScope => typeof s === 'string' && isApiScope(s)) : [];
  } catch {
    return [];
  }
}
