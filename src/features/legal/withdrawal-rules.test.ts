import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type WithdrawalFacts, withdrawalState } from './withdrawal-rules.js';

const base: WithdrawalFacts = {
  status: 'paid',
  totalMinor: 1900,
  createdAt: '2026-07-01T10:00:00.000Z',
  consented: false,
  delivered: true,
};
const at = (iso: string) => new Date(iso);

test('withdrawal: open within 14 days without consent, even when delivered', () => {
  assert.deepEqual(withdrawalState(base, at('2026-07-15T09:59:59.000Z')), {
    kind: 'open',
    endsAt: '2026-07-15T10:00:00.000Z',
  });
  assert.equal(withdrawalState(base, at('2026-07-15T10:00:00.000Z')).kind, 'expired');
});

test('withdrawal: consent + delivery waive the right; consent without delivery does not', () => {
  const now = at('2026-07-02T00:00:00.000Z');
  assert.equal(withdrawalState({ ...base, consented: true }, now).kind, 'waived');
  assert.equal(withdrawalState({ ...base, consented: true, delivered: false }, now).kind, 'open');
});

test('withdrawal: free, refunded, failed, already withdrawn', () => {
  const now = at('2026-07-02T00:00:00.000Z');
  assert.equal(withdrawalState({ ...base, totalMinor: 0 }, now).kind, 'free');
  assert.equal(withdrawalState({ ...base, status: 'refunded' }, now).kind, 'ended');
  assert.equal(withdrawalState({ ...base, status: 'failed' }, now).kind, 'ended');
  assert.equal(withdrawalState({ ...base, status: 'pending', delivered: false }, now).kind, 'open');
  assert.deepEqual(withdrawalState({ ...base, withdrawnAt: '2026-07-01T12:00:00.000Z' }, now), {
    kind: 'withdrawn',
    receivedAt: '2026-07-01T12:00:00.000Z',
  });
});

test('withdrawal: a dated leisure event has no right (§ 312g (2) no. 9 BGB), unless it was free or ended', () => {
  const now = at('2026-07-02T00:00:00.000Z');
  assert.equal(withdrawalState({ ...base, excluded: true }, now).kind, 'excluded');
  assert.equal(withdrawalState({ ...base, excluded: true, totalMinor: 0 }, now).kind, 'free');
  assert.equal(withdrawalState({ ...base, excluded: true, status: 'refunded' }, now).kind, 'ended');
});
