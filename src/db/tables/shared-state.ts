/** What several app instances share through the database (migration 0038). */

export interface RateLimitHitsTable {
  /** The route (method and URL pattern) and the client's key (its IP address, say). */
  key: string;
  /** Requests counted in the current window. */
  hits: number;
  /** When the current window ends, in milliseconds since the epoch. */
  resets_at_ms: number;
}
