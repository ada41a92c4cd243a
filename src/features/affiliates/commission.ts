import type { CommissionKind } from '../../db/schema.js';

/** What an affiliate earns on a product: their own rate, or the override set for that product. */
export type CommissionRule = { kind: CommissionKind; percentBp: number; fixedMinor: number };

/** The part of an order line commissions are reckoned on. */
export type CommissionLine = { totalMinor: number; taxMinor: number; quantity: number };

/** The line's price after discount and without VAT: what the creator keeps before fees. */
export function netOfLine(line: CommissionLine): number {
  return Math.max(0, line.totalMinor - line.taxMinor);
}

/**
 * The commission on one order line, in minor units. A percentage is of the net
 * price (rounded half up); a fixed amount is per unit. Either is capped at the
 * net price, so no sale costs the creator more than it brought in.
 */
export function commissionFor(rule: CommissionRule, line: CommissionLine): number {
  const net = netOfLine(line);
  const raw =
    rule.kind === 'percent'
      ? Math.round((net * rule.percentBp) / 10_000)
      : rule.fixedMinor * Math.max(1, line.quantity);
  return Math.min(net, Math.max(0, raw));
}

/**
 * How much of a line's commission a refund of `refundedMinor` out of the
 * order's `totalMinor` takes back: the refunded share of the order, applied to
 * the line's commission (rounded half up, never more than the commission).
 */
export function reversedShare(commissionMinor: number, refundedMinor: number, totalMinor: number): number {
  if (totalMinor <= 0 || refundedMinor >= totalMinor) return commissionMinor;
  return Math.min(commissionMinor, Math.round((commissionMinor * Math.max(0, refundedMinor)) / totalMinor));
}

/** Default and lower bound of the hold: § 355 BGB's 14-day withdrawal period must end before commission is paid. */
export const MIN_HOLD_DAYS = 14;
export const DEFAULT_HOLD_DAYS = 30;
export const DEFAULT_COOKIE_DAYS = 30;

const DAY_MS = 86_400_000;

export function holdEnds(paidAt: Date, holdDays: number): Date {
  return new Date(paidAt.getTime() + Math.max(MIN_HOLD_DAYS, holdDays) * DAY_MS);
}
