import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  addDays,
  addInterval,
  GRACE_DAYS,
  hasAccess,
  monthlyValueMinor,
  nextSubscriptionState,
  RETRY_DAYS,
  renewalAction,
  type SubscriptionEvent,
  type SubscriptionState,
} from './subscription-rules.js';

const T0 = '2026-01-31T10:00:00.000Z';

const incomplete: SubscriptionState = {
  status: 'incomplete',
  cancelAtPeriodEnd: false,
  interval: 'month',
  currentPeriodStart: null,
  currentPeriodEnd: null,
  accessUntil: null,
  failedPayments: 0,
  canceledAt: null,
  endedAt: null,
};

function apply(state: SubscriptionState, event: SubscriptionEvent) {
  const r = nextSubscriptionState(state, event);
  if (!r.ok) throw new Error(`${event.type} refused: ${r.error}`);
  return r;
}

const active = apply(incomplete, { type: 'first-paid', at: T0 }).next;

test('periods: calendar months clamp to the last day, years keep the date', () => {
  assert.equal(addInterval('2026-01-31T10:00:00.000Z', 'month'), '2026-02-28T10:00:00.000Z');
  assert.equal(addInterval('2026-02-28T10:00:00.000Z', 'month'), '2026-03-28T10:00:00.000Z');
  assert.equal(addInterval('2026-12-15T00:00:00.000Z', 'month'), '2027-01-15T00:00:00.000Z');
  assert.equal(addInterval('2028-02-29T00:00:00.000Z', 'year'), '2029-02-28T00:00:00.000Z');
  assert.equal(addInterval('2026-05-01T00:00:00.000Z', 'year'), '2027-05-01T00:00:00.000Z');
});

test('incomplete → active on the first payment: one period of access, renewal at its end', () => {
  const r = apply(incomplete, { type: 'first-paid', at: T0 });
  assert.equal(r.next.status, 'active');
  assert.equal(r.next.currentPeriodStart, T0);
  assert.equal(r.next.currentPeriodEnd, '2026-02-28T10:00:00.000Z');
  assert.equal(r.next.accessUntil, r.next.currentPeriodEnd);
  assert.equal(r.wakeAt, r.next.currentPeriodEnd);
  assert.equal(hasAccess(incomplete, T0), false);
  assert.equal(hasAccess(r.next, T0), true);
  // Paid twice (a duplicated notification): the second is refused, nothing moves.
  assert.deepEqual(nextSubscriptionState(r.next, { type: 'first-paid', at: T0 }), {
    ok: false,
    error: 'not-applicable',
  });
});

test('a paid renewal moves to the next period and clears failures', () => {
  const r = apply(active, { type: 'renewal-paid', at: active.currentPeriodEnd! });
  assert.equal(r.next.currentPeriodStart, active.currentPeriodEnd);
  assert.equal(r.next.currentPeriodEnd, '2026-03-28T10:00:00.000Z');
  assert.equal(r.next.accessUntil, r.next.currentPeriodEnd);
  assert.equal(r.next.failedPayments, 0);
});

test('failed renewals: past_due with grace, retries after 1, 3, 5 days, expired after the last', () => {
  const end = active.currentPeriodEnd!;
  let state = active;
  for (let i = 0; i < RETRY_DAYS.length; i++) {
    const r = apply(state, { type: 'renewal-failed', at: addDays(end, i === 0 ? 0 : RETRY_DAYS[i - 1]!) });
    assert.equal(r.next.status, 'past_due');
    assert.equal(r.next.failedPayments, i + 1);
    assert.equal(r.next.accessUntil, addDays(end, GRACE_DAYS));
    assert.equal(r.wakeAt, addDays(end, RETRY_DAYS[i]!));
    // Access is kept during the retries, the paid period is not moved.
    assert.equal(hasAccess(r.next, addDays(end, RETRY_DAYS[i]!)), true);
    assert.equal(r.next.currentPeriodEnd, end);
    state = r.next;
  }
  const last = addDays(end, RETRY_DAYS.at(-1)!);
  const r = apply(state, { type: 'renewal-failed', at: last });
  assert.equal(r.next.status, 'expired');
  assert.equal(r.next.endedAt, last);
  assert.equal(r.wakeAt, null);
  assert.equal(hasAccess(r.next, last), false);
});

test('past_due recovers when a retry is paid: next period counted from the old period end', () => {
  const failed = apply(active, { type: 'renewal-failed', at: active.currentPeriodEnd! }).next;
  const r = apply(failed, { type: 'renewal-paid', at: addDays(active.currentPeriodEnd!, 1) });
  assert.equal(r.next.status, 'active');
  assert.equal(r.next.failedPayments, 0);
  assert.equal(r.next.currentPeriodStart, active.currentPeriodEnd);
  assert.equal(r.next.accessUntil, r.next.currentPeriodEnd);
});

test('cancel keeps access until the period end, then expires; not before', () => {
  const canceled = apply(active, { type: 'cancel', at: '2026-02-10T00:00:00.000Z' });
  assert.equal(canceled.next.cancelAtPeriodEnd, true);
  assert.equal(canceled.next.status, 'active');
  assert.equal(canceled.next.accessUntil, active.currentPeriodEnd);
  assert.equal(canceled.wakeAt, active.currentPeriodEnd);
  assert.equal(hasAccess(canceled.next, '2026-02-27T00:00:00.000Z'), true);
  assert.equal(renewalAction(canceled.next, '2026-02-27T00:00:00.000Z'), 'not-due');
  assert.equal(renewalAction(canceled.next, active.currentPeriodEnd!), 'expire');
  assert.deepEqual(nextSubscriptionState(canceled.next, { type: 'period-ended', at: '2026-02-27T00:00:00.000Z' }), {
    ok: false,
    error: 'too-early',
  });
  const ended = apply(canceled.next, { type: 'period-ended', at: active.currentPeriodEnd! });
  assert.equal(ended.next.status, 'expired');
  assert.equal(hasAccess(ended.next, active.currentPeriodEnd!), false);
  // Canceling twice changes nothing; a canceled subscription is not charged.
  assert.equal(nextSubscriptionState(canceled.next, { type: 'cancel', at: T0 }).ok, false);
  assert.equal(nextSubscriptionState(canceled.next, { type: 'renewal-failed', at: T0 }).ok, false);
});

test('resume before the period end undoes the cancellation; after it, it is refused', () => {
  const canceled = apply(active, { type: 'cancel', at: '2026-02-10T00:00:00.000Z' }).next;
  const resumed = apply(canceled, { type: 'resume', at: '2026-02-11T00:00:00.000Z' });
  assert.equal(resumed.next.cancelAtPeriodEnd, false);
  assert.equal(resumed.next.canceledAt, null);
  assert.equal(renewalAction(resumed.next, active.currentPeriodEnd!), 'charge');
  assert.equal(nextSubscriptionState(canceled, { type: 'resume', at: active.currentPeriodEnd! }).ok, false);
  assert.equal(nextSubscriptionState(active, { type: 'resume', at: T0 }).ok, false);
});

test('canceling a past-due subscription stops the retries and the grace access', () => {
  const failed = apply(active, { type: 'renewal-failed', at: active.currentPeriodEnd! }).next;
  const canceled = apply(failed, { type: 'cancel', at: addDays(active.currentPeriodEnd!, 0.5) }).next;
  assert.equal(canceled.accessUntil, active.currentPeriodEnd);
  assert.equal(hasAccess(canceled, addDays(active.currentPeriodEnd!, 0.5)), false);
  assert.equal(renewalAction(canceled, addDays(active.currentPeriodEnd!, 1)), 'expire');
});

test('the admin ends a subscription at once; an expired one cannot be ended or renewed', () => {
  const at = '2026-02-05T00:00:00.000Z';
  const ended = apply(active, { type: 'end-now', at }).next;
  assert.equal(ended.status, 'expired');
  assert.equal(ended.accessUntil, at);
  assert.equal(hasAccess(ended, at), false);
  for (const type of ['end-now', 'renewal-paid', 'renewal-failed', 'cancel', 'resume', 'first-paid'] as const) {
    assert.equal(nextSubscriptionState(ended, { type, at }).ok, false, type);
  }
  assert.equal(renewalAction(ended, '2027-01-01T00:00:00.000Z'), 'nothing');
  assert.equal(renewalAction(incomplete, '2027-01-01T00:00:00.000Z'), 'nothing');
});

test('monthly value: yearly prices count one twelfth', () => {
  assert.equal(monthlyValueMinor(500, 'month'), 500);
  assert.equal(monthlyValueMinor(6000, 'year'), 500);
  assert.equal(monthlyValueMinor(1000, 'year'), 83);
});

test('a first order never paid ends the subscription; a late first payment still starts it; a started one cannot be "unpaid"', () => {
  const ended = apply(incomplete, { type: 'first-unpaid', at: T0 });
  assert.equal(ended.next.status, 'expired');
  assert.equal(ended.next.endedAt, T0);
  assert.equal(ended.next.accessUntil, null);
  assert.equal(ended.wakeAt, null);
  assert.equal(hasAccess(ended.next, T0), false);
  const late = apply(ended.next, { type: 'first-paid', at: '2026-02-01T10:00:00.000Z' });
  assert.equal(late.next.status, 'active');
  assert.equal(late.next.endedAt, null);
  assert.equal(late.next.currentPeriodEnd, '2026-03-01T10:00:00.000Z');
  assert.deepEqual(nextSubscriptionState(active, { type: 'first-unpaid', at: T0 }), {
    ok: false,
    error: 'not-applicable',
  });
  assert.deepEqual(nextSubscriptionState(ended.next, { type: 'first-unpaid', at: T0 }), {
    ok: false,
    error: 'not-applicable',
  });
  // An ended subscription that had periods is not started again by a stray first payment.
  const over = apply(active, { type: 'end-now', at: T0 }).next;
  assert.deepEqual(nextSubscriptionState(over, { type: 'first-paid', at: T0 }), { ok: false, error: 'not-applicable' });
});
