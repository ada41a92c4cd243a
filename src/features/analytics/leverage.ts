import { addDays, daysBetween } from './time-zone.js';

/**
 * The leverage figures, as pure integer arithmetic. Money is integer minor
 * units of one currency; work is integer minutes. A rate per hour is rounded
 * half up to the minor unit only when it is computed, never stored.
 */

/** a / b rounded half up, for non-negative b > 0 (a may be negative). */
export function divRound(a: number, b: number): number {
  return a >= 0 ? Math.floor((2 * a + b) / (2 * b)) : -Math.floor((-2 * a + b) / (2 * b));
}

/** Net revenue per hour of work, in minor units; undefined when no time was recorded. */
export function hourlyRateMinor(netMinor: number, minutes: number): number | undefined {
  if (minutes <= 0) return undefined;
  return divRound(netMinor * 60, minutes);
}

/** A share as whole per mille (0–1000), so 12.3 % is 123; undefined for an empty whole. */
export function perMille(part: number, whole: number): number | undefined {
  if (whole <= 0) return undefined;
  return divRound(part * 1000, whole);
}

export type LeavePeriod = { startDay: string; endDay: string; kind: 'holiday' | 'sick' };

export type PassiveShare = {
  totalMinor: number;
  /** Earned on days without any recorded work (product or 1:1). */
  noWorkMinor: number;
  /** Earned during holiday or sick leave (whether or not work was recorded). */
  onLeaveMinor: number;
  /** Earned on a day with no work or on leave, counted once. */
  passiveMinor: number;
  passivePerMille: number | undefined;
};

export function isOnLeave(day: string, leave: readonly LeavePeriod[]): boolean {
  return leave.some((p) => p.startDay <= day && day <= p.endDay);
}

/** How much of the income arrived while the creator was not working. */
export function passiveShare(
  revenueByDay: ReadonlyMap<string, number>,
  workDays: ReadonlySet<string>,
  leave: readonly LeavePeriod[],
): PassiveShare {
  let totalMinor = 0;
  let noWorkMinor = 0;
  let onLeaveMinor = 0;
  let passiveMinor = 0;
  for (const [day, minor] of revenueByDay) {
    totalMinor += minor;
    const idle = !workDays.has(day);
    const away = isOnLeave(day, leave);
    if (idle) noWorkMinor += minor;
    if (away) onLeaveMinor += minor;
    if (idle || away) passiveMinor += minor;
  }
  return { totalMinor, noWorkMinor, onLeaveMinor, passiveMinor, passivePerMille: perMille(passiveMinor, totalMinor) };
}

export type BreakEven =
  | { kind: 'no-cost' }
  | { kind: 'reached'; surplusMinor: number }
  | { kind: 'forecast'; day: string; days: number; remainingMinor: number }
  | { kind: 'no-sales' };

/**
 * When a product will have paid for the time it took, valued at the 1:1 rate:
 * cost = hours × rate; the missing amount is earned at the trailing daily rate.
 */
export function breakEven(opts: {
  minutes: number;
  hourlyRateMinor: number;
  earnedMinor: number;
  trailingMinor: number;
  trailingDays: number;
  today: string;
}): BreakEven {
  const costMinor = divRound(opts.minutes * opts.hourlyRateMinor, 60);
  if (costMinor <= 0) return { kind: 'no-cost' };
  const remainingMinor = costMinor - opts.earnedMinor;
  if (remainingMinor <= 0) return { kind: 'reached', surplusMinor: -remainingMinor };
  if (opts.trailingMinor <= 0 || opts.trailingDays <= 0) return { kind: 'no-sales' };
  // ceil(remaining / (trailing / days)) without fractions
  const days = Math.ceil((remainingMinor * opts.trailingDays) / opts.trailingMinor);
  return { kind: 'forecast', day: addDays(opts.today, days), days, remainingMinor };
}

export type WhatIf = {
  units: number;
  currentMinor: number;
  projectedUnits: number;
  projectedMinor: number;
  differenceMinor: number;
};

/**
 * A price change and the change in units sold the creator expects (whole
 * percent, −100…+1000) → revenue for the same period. Units round half up.
 */
export function whatIf(opts: {
  units: number;
  priceMinor: number;
  newPriceMinor: number;
  unitChangePercent: number;
}): WhatIf {
  const projectedUnits = Math.max(0, divRound(opts.units * (100 + opts.unitChangePercent), 100));
  const currentMinor = opts.units * opts.priceMinor;
  const projectedMinor = projectedUnits * opts.newPriceMinor;
  return {
    units: opts.units,
    currentMinor,
    projectedUnits,
    projectedMinor,
    differenceMinor: projectedMinor - currentMinor,
  };
}

/** Days in a trailing window ending today (inclusive). */
export function windowStart(today: string, days: number): string {
  return addDays(today, -(days - 1));
}

export { daysBetween };
