import { monthlyValueMinor } from '../memberships/subscription-rules.js';
import { divRound } from './leverage.js';
import { addDays, bucketsBetween } from './time-zone.js';

/**
 * MRR and churn over time, as pure integer arithmetic over subscription flows:
 * per store-local day, the prices of subscriptions that began (first paid
 * period) and of those that ended, by interval. A subscription counts from its
 * start until its end; one canceled at its period end still counts until that
 * end, and a past-due one until it expires. So MRR at a moment = everything
 * started before it less everything ended before it.
 */
export type SubscriptionFlow = {
  day: string;
  /** Sums of the prices (minor units) of monthly and yearly subscriptions, and how many subscriptions. */
  startMonthly: number;
  startYearly: number;
  starts: number;
  endMonthly: number;
  endYearly: number;
  ends: number;
};

/** Monthly prices plus the yearly ones as one twelfth (divided once, like the dashboard tile). */
export function mrrOf(monthly: number, yearly: number): number {
  return monthly + monthlyValueMinor(yearly, 'year');
}

type Running = { monthly: number; yearly: number; count: number };

/** The subscriptions counted at the start of `day` (before anything on that day). */
export function activeBefore(flows: readonly SubscriptionFlow[], day: string): Running {
  const r = { monthly: 0, yearly: 0, count: 0 };
  for (const f of flows) {
    if (f.day >= day) continue;
    r.monthly += f.startMonthly - f.endMonthly;
    r.yearly += f.startYearly - f.endYearly;
    r.count += f.starts - f.ends;
  }
  return r;
}

export type Movement = { newMrr: number; churnedMrr: number; started: number; churned: number };

/** What began and what ended from `from` to `to` (inclusive days). */
export function movementBetween(flows: readonly SubscriptionFlow[], from: string, to: string): Movement {
  let sm = 0;
  let sy = 0;
  let em = 0;
  let ey = 0;
  let started = 0;
  let churned = 0;
  for (const f of flows) {
    if (f.day < from || f.day > to) continue;
    sm += f.startMonthly;
    sy += f.startYearly;
    em += f.endMonthly;
    ey += f.endYearly;
    started += f.starts;
    churned += f.ends;
  }
  return { newMrr: mrrOf(sm, sy), churnedMrr: mrrOf(em, ey), started, churned };
}

export type ChurnFigures = Movement & {
  activeAtStart: number;
  /** Ended in the period ÷ active at its start, per mille; undefined when none was active. */
  churnRatePermille: number | undefined;
};

/** Churn of a period: subscriptions that ended in it ÷ those active at its start. */
export function churnBetween(flows: readonly SubscriptionFlow[], from: string, to: string): ChurnFigures {
  const activeAtStart = activeBefore(flows, from).count;
  const m = movementBetween(flows, from, to);
  return {
    ...m,
    activeAtStart,
    churnRatePermille: activeAtStart > 0 ? divRound(m.churned * 1000, activeAtStart) : undefined,
  };
}

export type MrrMonth = ChurnFigures & {
  month: string;
  /** MRR and paid subscriptions at the month's end (today for the running month). */
  mrr: number;
  active: number;
};

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** Month by month from the month of `from` to the month of `today` (store-local days). */
export function mrrByMonth(flows: readonly SubscriptionFlow[], from: string, today: string): MrrMonth[] {
  const sorted = [...flows].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  return bucketsBetween(from, today, 'month').map((month) => {
    const last = nextMonth(month) <= today ? addDays(nextMonth(month), -1) : today;
    const end = activeBefore(sorted, addDays(last, 1));
    return {
      month: month.slice(0, 7),
      ...churnBetween(sorted, month, last),
      mrr: mrrOf(end.monthly, end.yearly),
      active: end.count,
    };
  });
}
