import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ImportFileError } from './csv.js';
import { ghostMembers } from './ghost-members.js';
import { chunks, fixture, parseAll, problemAt, recordAt } from './testing.js';

test('Ghost members fixture: a free member subscribed to the newsletter', async () => {
  const lines = await parseAll(ghostMembers, fixture('ghost-members.csv'));
  assert.equal(lines.length, 15);
  assert.deepEqual(recordAt(lines, 2), {
    kind: 'member',
    externalId: '65f1a2b3c4d5e6f708192a01',
    person: { email: 'lena.hoffmann@example.com', name: 'Lena Hoffmann', country: null, consent: 'opted_in' },
    joinedAt: '2023-02-11T09:15:42.000Z',
    plan: { type: 'free' },
    labels: ['Newsletter'],
  });
});

test('Ghost: a paying member carries the tier and the Stripe customer, the price is unknown', async () => {
  const lines = await parseAll(ghostMembers, fixture('ghost-members.csv'));
  const paid = recordAt(lines, 3);
  assert.equal(paid.kind, 'member');
  if (paid.kind !== 'member') return;
  assert.deepEqual(paid.labels, ['VIP', 'Early supporter']);
  assert.deepEqual(paid.plan, {
    type: 'paid',
    subscription: {
      planName: 'Gold',
      interval: 'month',
      priceMinor: 0,
      currency: '',
      status: 'active',
      startedAt: '2022-11-03T18:02:07.000Z',
      currentPeriodEnd: null,
      stripeCustomerId: 'cus_PqR5sT6uV7wX8y',
      stripeSubscriptionId: null,
      priceUnknown: true,
    },
  });
  assert.equal(paid.person.consent, 'opted_in');
  // Paying but on no newsletter: no consent, and paying does not make one.
  const unsubscribedPaid = recordAt(lines, 6);
  assert.equal(unsubscribedPaid.person.consent, 'unknown');
  assert.equal(unsubscribedPaid.kind === 'member' && unsubscribedPaid.plan.type, 'paid');
});

test('Ghost: complimentary, gift, former paid, unsubscribed, two tiers', async () => {
  const lines = await parseAll(ghostMembers, fixture('ghost-members.csv'));
  const plan = (line: number) => {
    const r = recordAt(lines, line);
    return r.kind === 'member' ? r.plan : undefined;
  };
  assert.deepEqual(plan(4), { type: 'complimentary', tierName: 'Gold', until: null });
  assert.equal(recordAt(lines, 5).person.consent, 'unknown');
  assert.deepEqual(plan(13), { type: 'complimentary', tierName: 'Silver', until: null });
  assert.deepEqual(plan(14), { type: 'free' });
  const two = plan(16);
  assert.equal(two?.type === 'paid' && two.subscription.planName, 'Gold');
});

test('Ghost: the header check, and the Ghost 4 layout with "products"', async () => {
  assert.deepEqual(ghostMembers.missingColumns(['email', 'name']), [
    'id',
    'subscribed_to_emails',
    'complimentary_plan',
    'stripe_customer_id',
    'created_at',
    'labels',
  ]);
  await assert.rejects(parseAll(ghostMembers, chunks('email,name\r\na@example.com,A\r\n')), ImportFileError);
  const old =
    'id,email,name,note,subscribed_to_emails,complimentary_plan,stripe_customer_id,created_at,deleted_at,labels,products\r\n' +
    '5f0,old@example.com,Old,,true,false,cus_1,2020-07-01T10:00:00.000Z,,,Supporter';
  const lines = await parseAll(ghostMembers, chunks(old, 5));
  const r = recordAt(lines, 2);
  assert.equal(r.kind === 'member' && r.plan.type === 'paid' && r.plan.subscription.planName, 'Supporter');
});

test('Ghost: a note across two lines, and the lines after it keep their numbers', async () => {
  const lines = await parseAll(ghostMembers, fixture('ghost-members.csv'));
  assert.equal(recordAt(lines, 7).person.name, 'Quentin Moreau');
  const rosa = recordAt(lines, 9);
  assert.equal(rosa.person.email, 'rosa.alvarez@example.com');
  assert.equal(rosa.person.name, 'Rosa Álvarez');
  assert.equal(recordAt(lines, 15).person.name, '陈晓');
});

test('Ghost: bad lines become problems naming the column', async () => {
  const lines = await parseAll(ghostMembers, fixture('ghost-members.csv'));
  assert.deepEqual(problemAt(lines, 10), { code: 'invalid_email', column: 'email', detail: 'sam.obi@example' });
  assert.deepEqual(problemAt(lines, 11), { code: 'missing_column', column: 'created_at', detail: 'empty' });
  assert.deepEqual(problemAt(lines, 12), { code: 'invalid_date', column: 'created_at', detail: '16/03/2022' });
  assert.deepEqual(problemAt(lines, 17), { code: 'invalid_value', column: 'subscribed_to_emails', detail: 'maybe' });
});
