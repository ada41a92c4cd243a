import type { BillingInterval, SubscriptionStatus } from '../../db/schema.js';

/**
 * The subscription lifecycle as pure functions: given the state and what
 * happened, the next state (or why the event does not apply). Use cases write
 * the result with a guarded UPDATE; the rules never touch the database.
 *
 *   incomplete --first payment--> active --renewal paid--> active (next period)
 *   incomplete --first order expired or declined--> expired (never started)
 *   expired, never started --late first payment--> active
 *   active --renewal failed--> past_due --retry paid--> active
 *   past_due --last retry failed--> expired
 *   active --cancel--> active + cancel_at_period_end --resume--> active
 *   active + cancel_at_period_end --period end--> expired
 *   active | past_due --admin ends now--> expired
 */

/** Renewal retries after a failure, in days after the period end. The last failure ends the subscription. */
export const RETRY_DAYS = [1, 3, 5] as const;
/** Access after the period end while retries run: until the last retry has had its chance. */
export const GRACE_DAYS = 7;

const DAY_MS = 24 * 3600 * 1000;

export type SubscriptionState = {
  status: SubscriptionStatus;
  cancelAtPeriodEnd: boolean;
  interval: BillingInterval;
  currentPeriodStart: string | null;
  currentPeriodEnd: string | null;
  accessUntil: string | null;
  failedPayments: number;
  canceledAt: string | null;
  endedAt: string | null;
};

export type SubscriptionEvent =
  /** The first period is paid. */
  | { type: 'first-paid'; at: string }
  /** The first period's order expired or was declined: the subscription never starts. */
  | { type: 'first-unpaid'; at: string }
  /** The period starting at the current period end is paid (a renewal, or a retry that worked). */
  | { type: 'renewal-paid'; at: string }
  /** A renewal charge for the period after the current one failed. */
  | { type: 'renewal-failed'; at: string }
  | { type: 'cancel'; at: string }
  | { type: 'resume'; at: string }
  /** The current period is over and the subscription was canceled at its end. */
  | { type: 'period-ended'; at: string }
  /** The admin ends it at once (e.g. after a refund). */
  | { type: 'end-now'; at: string };

export type RuleError = 'not-applicable' | 'too-early';

export type Transition =
  | {
      ok: true;
      next: SubscriptionState;
      /** When the renewal job should run next (charge, retry or end at period end); null: never again. */
      wakeAt: string | null;
    }
  | { ok: false; error: RuleError };

/** The end of a period that starts at `start` (calendar months; the 31st becomes the month's last day). */
export function addInterval(start: string, interval: BillingInterval): string {
  const d = new Date(start);
  const months = interval === 'month' ? 1 : 12;
  const day = d.getUTCDate();
  const target = new Date(d.getTime());
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString();
}

export function addDays(iso: string, days: number): string {
  return new Date(new Date(iso).getTime() + days * DAY_MS).toISOString();
}

/** Does the subscription grant access at this moment (the same rule as access.ts, on the state). */
export function hasAccess(state: Pick<SubscriptionState, 'status' | 'accessUntil'>, at: string): boolean {
  return (
    (state.status === 'active' || state.status === 'past_due') && state.accessUntil !== null && state.accessUntil > at
  );
}

const fail = (error: RuleError): Transition => ({ ok: false, error });

/** Ended before its first period was paid (a first order that expired or was declined). */
export function neverStarted(state: Pick<SubscriptionState, 'status' | 'currentPeriodStart'>): boolean {
  return state.status === 'expired' && state.currentPeriodStart === null;
}

/** The next state after `event`; never throws. */
export function nextSubscriptionState(state: SubscriptionState, event: SubscriptionEvent): Transition {
  switch (event.type) {
    case 'first-paid': {
      // A payment that arrives after the first order ran out is honoured (the order is paid after all).
      if (state.status !== 'incomplete' && !neverStarted(state)) return fail('not-applicable');
      const end = addInterval(event.at, state.interval);
      return {
        ok: true,
        next: {
          ...state,
          status: 'active',
          currentPeriodStart: event.at,
          currentPeriodEnd: end,
          accessUntil: end,
          failedPayments: 0,
          endedAt: null,
        },
        wakeAt: end,
      };
    }
    case 'first-unpaid': {
      if (state.status !== 'incomplete') return fail('not-applicable');
      return { ok: true, next: { ...state, status: 'expired', accessUntil: null, endedAt: event.at }, wakeAt: null };
    }
    case 'renewal-paid': {
      if ((state.status !== 'active' && state.status !== 'past_due') || !state.currentPeriodEnd)
        return fail('not-applicable');
      const start = state.currentPeriodEnd;
      const end = addInterval(start, state.interval);
      return {
        ok: true,
        next: {
          ...state,
          status: 'active',
          currentPeriodStart: start,
          currentPeriodEnd: end,
          accessUntil: end,
          failedPayments: 0,
        },
        wakeAt: end,
      };
    }
    case 'renewal-failed': {
      if ((state.status !== 'active' && state.status !== 'past_due') || !state.currentPeriodEnd)
        return fail('not-applicable');
      if (state.cancelAtPeriodEnd) return fail('not-applicable');
      const failures = state.failedPayments + 1;
      const retryDay = RETRY_DAYS[failures - 1];
      if (retryDay === undefined) {
        return {
          ok: true,
          next: { ...state, status: 'expired', failedPayments: failures, accessUntil: event.at, endedAt: event.at },
          wakeAt: null,
        };
      }
      return {
        ok: true,
        next: {
          ...state,
          status: 'past_due',
          failedPayments: failures,
          accessUntil: addDays(state.currentPeriodEnd, GRACE_DAYS),
        },
        wakeAt: addDays(state.currentPeriodEnd, retryDay),
      };
    }
    case 'cancel': {
      if (state.status !== 'active' && state.status !== 'past_due') return fail('not-applicable');
      if (state.cancelAtPeriodEnd) return fail('not-applicable');
      // A past-due subscription that is canceled stops retrying: access ends with the paid period.
      const accessUntil = state.status === 'past_due' ? state.currentPeriodEnd : state.accessUntil;
      return {
        ok: true,
        next: { ...state, cancelAtPeriodEnd: true, canceledAt: event.at, accessUntil },
        wakeAt: state.currentPeriodEnd,
      };
    }
    case 'resume': {
      if (state.status !== 'active' || !state.cancelAtPeriodEnd) return fail('not-applicable');
      if (!state.currentPeriodEnd || state.currentPeriodEnd <= event.at) return fail('not-applicable');
      return {
        ok: true,
        next: { ...state, cancelAtPeriodEnd: false, canceledAt: null },
        wakeAt: state.currentPeriodEnd,
      };
    }
    case 'period-ended': {
      if ((state.status !== 'active' && state.status !== 'past_due') || !state.cancelAtPeriodEnd)
        return fail('not-applicable');
      if (!state.currentPeriodEnd || state.currentPeriodEnd > event.at) return fail('too-early');
      return {
        ok: true,
        next: { ...state, status: 'expired', accessUntil: state.currentPeriodEnd, endedAt: event.at },
        wakeAt: null,
      };
    }
    case 'end-now': {
      if (state.status === 'expired') return fail('not-applicable');
      return {
        ok: true,
        next: {
          ...state,
          status: 'expired',
          cancelAtPeriodEnd: state.cancelAtPeriodEnd,
          accessUntil: event.at,
          endedAt: event.at,
        },
        wakeAt: null,
      };
    }
  }
}

/** What a due renewal job should do now. */
export function renewalAction(state: SubscriptionState, at: string): 'charge' | 'expire' | 'not-due' | 'nothing' {
  if (state.status !== 'active' && state.status !== 'past_due') return 'nothing';
  if (!state.currentPeriodEnd) return 'nothing';
  if (state.currentPeriodEnd > at) return 'not-due';
  return state.cancelAtPeriodEnd ? 'expire' : 'charge';
}

/** Monthly recurring revenue of one subscription in minor units (a yearly price counts one twelfth, rounded down). */
export function monthlyValueMinor(priceMinor: number, interval: BillingInterval): number {
  return interval === 'month' ? priceMinor : Math.floor(priceMinor / 12);
}
