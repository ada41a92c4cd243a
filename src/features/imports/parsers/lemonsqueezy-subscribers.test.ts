import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ImportFileError } from './csv.js';
import { lemonSqueezySubscribers } from './lemonsqueezy-subscribers.js';
import { chunks, fixture, parseAll, problemAt, recordAt } from './testing.js';

test('Lemon Squeezy subscribers: a subscriber becomes a free member with the recorded opt-in', async () => {
  const lines = await parseAll(lemonSqueezySubscribers, fixture('lemonsqueezy-subscribers.csv'));
  assert.equal(lines.length, 12);
  assert.deepEqual(recordAt(lines, 2), {
    kind: 'member',
    externalId: '1843021',
    person: { email: 'alma.ruiz@example.com', name: 'Alma Ruiz', country: 'ES', consent: 'opted_in' },
    joinedAt: '2023-04-02T10:11:12.000Z',
    plan: { type: 'free' },
    labels: [],
  });
});

test('Lemon Squeezy subscribers: consent is never more than the status says', async () => {
  const lines = await parseAll(lemonSqueezySubscribers, fixture('lemonsqueezy-subscribers.csv'));
  const consent = (line: number) => recordAt(lines, line).person.consent;
  assert.equal(consent(3), 'do_not_contact'); // unsubscribed
  assert.equal(consent(4), 'unknown'); // waiting for double opt-in
  assert.equal(consent(5), 'do_not_contact'); // bounced
  assert.equal(consent(6), 'do_not_contact'); // archived by the store
  assert.equal(consent(7), 'opted_in');
  // "subscribed" with a date of unsubscribing: the date wins.
  assert.equal(consent(12), 'do_not_contact');
  assert.equal(recordAt(lines, 6).person.country, 'TR');
  assert.equal(recordAt(lines, 11).person.email, 'jade.laurent@example.com');
  const noName = recordAt(lines, 13);
  assert.equal(noName.person.name, '');
  assert.equal(noName.kind === 'member' && noName.joinedAt, '2024-03-04T05:06:07.000Z');
});

test('Lemon Squeezy subscribers: bad lines and the header check', async () => {
  const lines = await parseAll(lemonSqueezySubscribers, fixture('lemonsqueezy-subscribers.csv'));
  assert.deepEqual(problemAt(lines, 8), { code: 'invalid_email', column: 'email', detail: 'gaia.romano@example' });
  assert.deepEqual(problemAt(lines, 9), { code: 'invalid_date', column: 'created_at', detail: 'not a date' });
  assert.deepEqual(problemAt(lines, 10), { code: 'invalid_value', column: 'status', detail: 'pending' });
  assert.deepEqual(lemonSqueezySubscribers.missingColumns(['identifier', 'email']), [
    'name',
    'status',
    'country',
    'unsubscribed_at',
    'created_at',
  ]);
  await assert.rejects(parseAll(lemonSqueezySubscribers, fixture('ghost-members.csv')), ImportFileError);
  await assert.rejects(parseAll(lemonSqueezySubscribers, chunks('\n\n')), ImportFileError);
});
