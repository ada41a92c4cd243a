/** Times are stored as ISO-8601 UTC text; these keep that in one place. */
export function isoNow(now: Date = new Date()): string {
  return now.toISOString();
}

export function isoIn(ms: number, from: Date = new Date()): string {
  return new Date(from.getTime() + ms).toISOString();
}
