/**
 * Requests per client (an IP address, a licence key's hash) in fixed windows
 * of the clock (one minute: 12:00:00–12:00:59), counted in this process's
 * memory like @fastify/rate-limit's local store. One Map lookup per request,
 * and a new window starts with an empty Map, so memory holds one window.
 *
 * At most `capacity` clients are counted per window (a flood of made-up keys
 * cannot grow memory without bound); clients first seen after that are let
 * through uncounted until the window ends, while every client already counted
 * stays limited.
 */
export class RequestCounter {
  #counts = new Map<string, number>();
  #windowEnd = 0;

  constructor(
    readonly max: number,
    readonly windowMs = 60_000,
    readonly capacity = 200_000,
  ) {}

  /** Counts one request of `client`: 0 if it is allowed, else the whole seconds until the window ends (≥ 1). */
  hit(client: string, now = Date.now()): number {
    if (now >= this.#windowEnd) {
      this.#counts = new Map();
      this.#windowEnd = (Math.floor(now / this.windowMs) + 1) * this.windowMs;
    }
    const count = (this.#counts.get(client) ?? 0) + 1;
    if (count > this.max) return Math.max(1, Math.ceil((this.#windowEnd - now) / 1000));
    if (count > 1 || this.#counts.size < this.capacity) this.#counts.set(client, count);
    return 0;
  }
}
