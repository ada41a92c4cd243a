/**
 * When a failed delivery is tried again: the Standard Webhooks
 * recommendation (5 s, 5 min, 30 min, 2 h, 5 h, then every 10 h), carried on
 * until the attempts span more than three days. The first attempt runs at
 * once; the thirteenth and last about 77½ hours after it.
 */
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

export const RETRY_DELAYS_MS: readonly number[] = [
  5 * SECOND,
  5 * MINUTE,
  30 * MINUTE,
  2 * HOUR,
  5 * HOUR,
  ...Array.from({ length: 7 }, () => 10 * HOUR),
];

/** Attempts a delivery gets before it counts as failed. */
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** The wait before the next attempt after `attemptsMade` failed ones, or undefined when none is left. */
export function retryDelayMs(attemptsMade: number): number | undefined {
  return attemptsMade >= 1 ? RETRY_DELAYS_MS[attemptsMade - 1] : undefined;
}

/** An endpoint is disabled after this many failed attempts in a row spanning at least three days. */
export const DISABLE_AFTER_FAILURES = 15;
export const DISABLE_AFTER_MS = 72 * HOUR;

/** Whether an endpoint's run of failures is long enough to stop sending to it. */
export function failingTooLong(consecutiveFailures: number, failingSince: string | null, now: Date): boolean {
  if (consecutiveFailures < DISABLE_AFTER_FAILURES || !failingSince) return false;
  return now.getTime() - Date.parse(failingSince) >= DISABLE_AFTER_MS;
}
