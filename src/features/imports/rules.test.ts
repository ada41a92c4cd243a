import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { nextStatus } from './apply-person.js';
import { addInterval, importedStatus } from './apply-subscription.js';
import { skipped } from './outcome.js';
import { summarise } from './summary.js';

describe('import rules (pure)', () => {
  test('consent only goes down, or from pending to subscribed on an explicit opt-in', () => {
    assert.equal(nextStatus('subscribed', { consent: 'do_not_contact' }), 'unsubscribed');
    assert.equal(nextStatus('pending', { consent: 'do_not_contact' }), 'unsubscribed');
    assert.equal(nextStatus('bounced', { consent: 'do_not_contact' }), 'bounced');
    assert.equal(nextStatus('pending', { consent: 'opted_in' }), 'subscribed');
    assert.equal(nextStatus('unsubscribed', { consent: 'opted_in' }), 'unsubscribed');
    assert.equal(nextStatus('bounced', { consent: 'opted_in' }), 'bounced');
    assert.equal(nextStatus('pending', { consent: 'unknown' }), 'pending');
    assert.equal(nextStatus('subscribed', { consent: 'unknown' }), 'subscribed');
  });

  test('a subscription keeps access to its paid period end; a cancelled one until then', () => {
    const now = '2026-12-07T00:00:00.000Z';
    assert.deepEqual(importedStatus({ status: 'active', currentPeriodEnd: '2027-01-01T00:00:00.000Z' }, now), {
      status: 'active',
      cancelAtPeriodEnd: false,
      accessUntil: '2027-01-01T00:00:00.000Z',
    });
    assert.equal(
      importedStatus({ status: 'active', currentPeriodEnd: '2026-01-01T00:00:00.000Z' }, now).status,
      'expired',
    );
    assert.deepEqual(importedStatus({ status: 'cancelled', currentPeriodEnd: '2027-01-01T00:00:00.000Z' }, now), {
      status: 'active',
      cancelAtPeriodEnd: true,
      accessUntil: '2027-01-01T00:00:00.000Z',
    });
    assert.equal(importedStatus({ status: 'cancelled', currentPeriodEnd: null }, now).status, 'expired');
    assert.equal(
      importedStatus({ status: 'expired', currentPeriodEnd: '2027-01-01T00:00:00.000Z' }, now).status,
      'expired',
    );
    assert.equal(addInterval('2026-01-31T10:00:00.000Z', 'year'), '2027-01-31T10:00:00.000Z');
    assert.equal(addInterval('2026-03-15T10:00:00.000Z', 'month'), '2026-04-15T10:00:00.000Z');
  });

  test('the counters add lines, actions, reasons and effects', () => {
    const s = summarise([
      skipped(2, 'refunded'),
      {
        line: 3,
        action: 'create',
        reason: null,
        effects: ['customer:create', 'order:create'],
        entityType: 'order',
        entityId: null,
        detail: null,
      },
    ]);
    assert.deepEqual(s, { lines: 2, skip: 1, 'skip:refunded': 1, create: 1, 'customer:create': 1, 'order:create': 1 });
    assert.equal(summarise([skipped(4, 'refunded')], s)['skip:refunded'], 2);
  });
});
