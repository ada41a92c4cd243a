import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { TEST_ADMIN } from '../../testing/app.js';
import { loadMemberAccess } from '../memberships/access.js';
import { seedTier } from '../memberships/testing.js';
import { stripeEvent } from '../payments/stripe/stand-in/state.js';
import { buildStripeTestApp, type StripeTestApp, sendWebhook } from '../payments/stripe/testing.js';
import type { ImportParser, ImportRecord } from './records.js';
import { runPhase } from './run-phase.js';
import { runOf, verdicts } from './testing.js';
import { startImport, uploadImport } from './upload-import.js';

/** A parser of records written as JSON lines under a "records" header: the engine's input without a platform's CSV. */
const jsonRecords: ImportParser = {
  source: 'ghost',
  exportName: 'test records',
  missingColumns: (header) => (header[0] === 'records' ? [] : ['records']),
  async *parse(input) {
    let text = '';
    for await (const chunk of input) text += chunk.toString();
    const [head, ...rows] = text.split('\n');
    if (head !== 'records') throw new Error('not test records');
    for (const [i, row] of rows.entries()) if (row) yield { line: i + 2, record: JSON.parse(row) as ImportRecord };
  },
};

describe('a member paying through Stripe is adopted, not charged', () => {
  let t: StripeTestApp;
  before(async () => {
    t = await buildStripeTestApp();
    await seedTier(t.services, { name: 'Patron', monthly: 800, yearly: 8000 });
  });
  after(() => t.close());

  async function importRecords(records: ImportRecord[]) {
    const { db } = t.services.database;
    const text = `records\n${records.map((r) => JSON.stringify(r)).join('\n')}\n`;
    const parsers = [jsonRecords];
    const up = await uploadImport({
      db,
      storage: t.services.storage,
      upload: { filename: 'members.csv', stream: Readable.from([Buffer.from(text)]) },
      actor: TEST_ADMIN.email,
      parsers,
    });
    assert.equal(up.kind, 'ok');
    const runId = up.kind === 'ok' ? up.runId : '';
    await runPhase({ db, storage: t.services.storage, runId, phase: 'dry', parsers });
    assert.ok(await startImport(db, runId, TEST_ADMIN.email));
    await runPhase({ db, storage: t.services.storage, runId, phase: 'real', parsers });
    assert.equal((await runOf(t, runId)).status, 'done');
    return runId;
  }

  test('the subscription keeps its Stripe ids; its next invoice.paid extends access; importing charged nothing', async () => {
    // The member's subscription as it exists in the creator's Stripe account (started on the old platform).
    const { subscription } = t.stripe.billing.paySubscriptionSession({
      id: 'cs_old_platform',
      mode: 'subscription',
      line_items_params: [{ price_data: { unit_amount: '800', currency: 'eur', recurring: { interval: 'month' } } }],
      subscription_data_params: { metadata: {} },
    });
    const item = (subscription.items as { data: { current_period_end: number }[] }).data[0]!;
    const periodEnd = new Date(item.current_period_end * 1000).toISOString();
    const requestsBefore = t.stripe.requests.length;
    const runId = await importRecords([
      {
        kind: 'member',
        externalId: 'ghost-member-1',
        person: { email: 'patron@example.com', name: 'Pat Ron', country: null, consent: 'opted_in' },
        joinedAt: '2023-01-01T00:00:00.000Z',
        plan: {
          type: 'paid',
          subscription: {
            planName: 'patron',
            interval: 'month',
            priceMinor: 800,
            currency: 'EUR',
            status: 'active',
            startedAt: '2023-01-01T00:00:00.000Z',
            currentPeriodEnd: periodEnd,
            stripeCustomerId: subscription.customer as string,
            stripeSubscriptionId: subscription.id as string,
          },
        },
        labels: [],
      },
    ]);
    assert.deepEqual(await verdicts(t, runId, 'real'), await verdicts(t, runId, 'dry'));
    // Nothing was asked of Stripe, so nothing was charged.
    assert.equal(t.stripe.requests.length, requestsBefore);
    const { db } = t.services.database;
    const sub = await db
      .selectFrom('subscriptions')
      .innerJoin('members', 'members.id', 'subscriptions.member_id')
      .innerJoin('membership_tiers', 'membership_tiers.id', 'subscriptions.tier_id')
      .select([
        'subscriptions.id',
        'provider',
        'provider_ref',
        'provider_customer',
        'status',
        'access_until',
        'membership_tiers.name',
        'members.email_status',
      ])
      .where('members.email', '=', 'patron@example.com')
      .executeTakeFirstOrThrow();
    assert.equal(sub.provider, 'stripe');
    assert.equal(sub.provider_ref, subscription.id);
    assert.equal(sub.provider_customer, subscription.customer);
    assert.equal(sub.status, 'active');
    assert.equal(sub.access_until, periodEnd);
    assert.equal(sub.name, 'Patron');
    assert.equal(sub.email_status, 'subscribed');
    const consent = await db.selectFrom('member_consents').select(['text', 'source']).executeTakeFirstOrThrow();
    assert.match(consent.text, /^Imported from Ghost export on \d{4}-\d{2}-\d{2}$/);
    assert.equal(consent.source, 'import');
    assert.equal((await db.selectFrom('orders').select('id').execute()).length, 0);

    // The next period is paid at Stripe; its signed webhook reaches the adopted subscription by provider_ref.
    const renewal = t.stripe.billing.renew(subscription.id as string);
    assert.equal((await sendWebhook(t, stripeEvent('invoice.paid', renewal.invoice))).statusCode, 200);
    await t.drainJobs();
    const renewed = await db
      .selectFrom('subscriptions')
      .select(['access_until', 'status'])
      .where('id', '=', sub.id)
      .executeTakeFirstOrThrow();
    assert.equal(renewed.status, 'active');
    assert.ok(renewed.access_until! > periodEnd, 'access runs to the new period end');
    const access = await loadMemberAccess(db, 'patron@example.com', new Date(Date.parse(periodEnd) + 86_400_000));
    assert.equal(access.paidTierIds.size, 1);
    const renewalOrder = await db
      .selectFrom('orders')
      .select(['total_minor', 'provider'])
      .where('provider_ref', '=', renewal.invoice.id as string)
      .executeTakeFirstOrThrow();
    assert.equal(Number(renewalOrder.total_minor), 800);
    assert.equal(renewalOrder.provider, 'stripe');
    // The invoice paid before the import was the old platform's sale: billing history, no order or receipt of ours.
    const orders = await db.selectFrom('orders').select('provider_ref').execute();
    assert.deepEqual(
      orders.map((o) => o.provider_ref),
      [renewal.invoice.id],
    );
    const history = await db
      .selectFrom('subscription_payments')
      .select(['status', 'order_id'])
      .where('subscription_id', '=', sub.id)
      .orderBy('period_start')
      .execute();
    assert.equal(history.length, 2);
    assert.equal(history[0]?.status, 'paid');
    assert.equal(history[0]?.order_id, null);
    assert.ok(history[1]?.order_id);
  });

  test('consent is never upgraded: an unsubscribed member stays unsubscribed; a complimentary plan runs until its day', async () => {
    const { db } = t.services.database;
    const now = new Date().toISOString();
    await db
      .insertInto('members')
      .values({
        id: crypto.randomUUID(),
        email: 'left@example.com',
        name: 'Left',
        locale: 'en',
        customer_id: null,
        email_status: 'unsubscribed',
        source: 'signup',
        created_at: now,
        confirmed_at: now,
        unsubscribed_at: now,
        updated_at: now,
      })
      .execute();
    const person = (email: string, consent: 'opted_in' | 'unknown' | 'do_not_contact') => ({
      email,
      name: '',
      country: null,
      consent,
    });
    const runId = await importRecords([
      {
        kind: 'member',
        externalId: 'm-left',
        person: person('left@example.com', 'opted_in'),
        joinedAt: now,
        plan: { type: 'free' },
        labels: [],
      },
      {
        kind: 'member',
        externalId: 'm-quiet',
        person: person('quiet@example.com', 'unknown'),
        joinedAt: now,
        plan: { type: 'free' },
        labels: [],
      },
      {
        kind: 'member',
        externalId: 'm-gift',
        person: person('gift@example.com', 'do_not_contact'),
        joinedAt: now,
        plan: { type: 'complimentary', tierName: 'Patron', until: '2099-01-01T00:00:00.000Z' },
        labels: [],
      },
    ]);
    assert.deepEqual(await verdicts(t, runId, 'real'), await verdicts(t, runId, 'dry'));
    const status = async (email: string) =>
      (await db.selectFrom('members').select('email_status').where('email', '=', email).executeTakeFirstOrThrow())
        .email_status;
    assert.equal(await status('left@example.com'), 'unsubscribed');
    assert.equal(await status('quiet@example.com'), 'pending');
    assert.equal(await status('gift@example.com'), 'unsubscribed');
    const consents = await db
      .selectFrom('member_consents')
      .innerJoin('members', 'members.id', 'member_consents.member_id')
      .select('members.email')
      .where('members.email', 'in', ['left@example.com', 'quiet@example.com', 'gift@example.com'])
      .execute();
    assert.deepEqual(consents, []);
    const gift = await db
      .selectFrom('subscriptions')
      .innerJoin('members', 'members.id', 'subscriptions.member_id')
      .select(['provider', 'price_minor', 'access_until', 'status'])
      .where('members.email', '=', 'gift@example.com')
      .executeTakeFirstOrThrow();
    assert.deepEqual(gift, {
      provider: 'import',
      price_minor: 0,
      access_until: '2099-01-01T00:00:00.000Z',
      status: 'active',
    });
    assert.equal((await loadMemberAccess(db, 'gift@example.com', new Date())).paidTierIds.size, 1);
  });
});
