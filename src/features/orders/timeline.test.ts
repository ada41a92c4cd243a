import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildTimeline, emailIdsOf, parseDetail, type StoredEvent } from './timeline.js';

const EMAIL_ID = '0b6f3c1e-4a8f-4f59-9a53-2d2f3b3c9a10';
const GONE_ID = '5c7d9e2a-1b3c-4d5e-8f90-123456789abc';

function ev(kind: string, at: string, detail: unknown = {}): StoredEvent {
  return {
    id: `${kind}-${at}`,
    kind,
    detail: typeof detail === 'string' ? detail : JSON.stringify(detail),
    created_at: at,
  };
}

describe('order timeline', () => {
  test('events come oldest first, ties in the order they were read', () => {
    const t = buildTimeline(
      [
        ev('paid', '2026-05-01T10:01:00.000Z'),
        ev('created', '2026-05-01T10:00:00.000Z'),
        ev('delivered', '2026-05-01T10:01:00.000Z'),
      ],
      [],
    );
    assert.deepEqual(
      t.map((e) => e.kind),
      ['created', 'paid', 'delivered'],
    );
  });

  test('an email event carries its email; a missing email is marked, not dropped', () => {
    const events = [
      ev('email_queued', '2026-05-01T10:02:00.000Z', { emailId: EMAIL_ID, template: 'order-receipt' }),
      ev('email_queued', '2026-05-01T10:03:00.000Z', { emailId: GONE_ID }),
    ];
    assert.deepEqual(emailIdsOf(events), [EMAIL_ID, GONE_ID]);
    const t = buildTimeline(events, [
      { id: EMAIL_ID, subject: 'Your receipt', status: 'sent', to_address: 'a@b.c', transport: 'smtp' },
    ]);
    assert.equal(t[0]?.email?.subject, 'Your receipt');
    assert.equal(t[0]?.emailId, undefined);
    assert.deepEqual(t[0]?.facts, [['template', 'order-receipt']], 'the id is not shown as a fact');
    assert.equal(t[1]?.email, undefined);
    assert.equal(t[1]?.emailId, GONE_ID);
  });

  test('only well-formed email ids are looked up, from any event that names one', () => {
    const events = [
      ev('email_queued', '2026-05-01T10:00:00.000Z', { emailId: "x' OR 1=1" }),
      ev('email_queued', '2026-05-01T10:00:00.000Z', { emailId: 42 }),
      ev('receipt_resent', '2026-05-01T10:00:00.000Z', { emailId: EMAIL_ID }),
    ];
    assert.deepEqual(emailIdsOf(events), [EMAIL_ID]);
    const t = buildTimeline(events, [
      { id: EMAIL_ID, subject: 'Receipt', status: 'queued', to_address: 'a@b.c', transport: null },
    ]);
    assert.equal(t[2]?.email?.subject, 'Receipt');
    assert.equal(t[0]?.emailId, undefined, 'a malformed id is neither linked nor reported missing');
  });

  test('details that are not JSON objects show no facts instead of failing', () => {
    assert.deepEqual(parseDetail('not json'), {});
    assert.deepEqual(parseDetail('[1,2]'), {});
    assert.deepEqual(parseDetail('null'), {});
    const t = buildTimeline([ev('download', '2026-05-01T10:00:00.000Z', '{broken')], []);
    assert.deepEqual(t[0]?.facts, []);
  });

  test('scalar details become facts; nested values are left out', () => {
    const t = buildTimeline(
      [ev('download', '2026-05-01T10:00:00.000Z', { file: 'guide.pdf', size: 1200, nested: { a: 1 }, ok: true })],
      [],
    );
    assert.deepEqual(t[0]?.facts, [
      ['file', 'guide.pdf'],
      ['size', '1200'],
      ['ok', 'true'],
    ]);
  });
});
