import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Transaction } from 'kysely';
import { z } from 'zod';
import type { DB, Order } from '../db/schema.js';
import { seedPurchase } from '../features/delivery/testing.js';
import type { Feature } from '../features/feature.js';
import { features, orderCoreOf } from '../features/index.js';
import { defineJobContract, handleJob } from '../jobs/define.js';
import { buildTestApp, setUpStore, type TestApp } from '../testing/app.js';
import type { Entitlement } from './entitlements.js';
import { afterCommit, type OrderEvent } from './events.js';

/**
 * The core as a new product kind sees it: an example feature registers an
 * entitlement, a subscriber and a job, and nothing else is edited.
 */
type Call = { what: string; orderId: string; detail?: string };

function exampleFeature(calls: Call[], opts: { hold?: boolean } = {}): Feature {
  const seat: Entitlement = {
    kind: 'example-seat',
    timelineKey: 'seats',
    async grant(_trx, { order, items }) {
      // Idempotent as the real ones are (they use unique keys): a second grant adds nothing.
      const had = calls.some((c) => c.what === 'grant' && c.orderId === order.id);
      calls.push({ what: 'grant', orderId: order.id });
      return had ? 0 : items.length;
    },
    async revoke(_trx, { order, reason }) {
      calls.push({ what: 'revoke', orderId: order.id, detail: reason });
    },
    async restore(_trx, { order, reason, revokedAt }) {
      calls.push({ what: 'restore', orderId: order.id, detail: `${reason}@${revokedAt}` });
    },
  };
  const welcomeJob = defineJobContract({ kind: 'example.welcome', payload: z.object({ orderId: z.string() }) });
  const seen = (trx: Transaction<DB>, e: OrderEvent) => {
    const orderId = 'order' in e ? e.order.id : e.orderId;
    calls.push({ what: `within:${e.type}`, orderId, detail: trx.isTransaction ? 'in-transaction' : 'outside' });
    return Promise.resolve();
  };
  return {
    name: 'example',
    jobs: [handleJob(welcomeJob, async ({ orderId }) => void calls.push({ what: 'welcome-job', orderId }))],
    orders: {
      within: { paid: seen, refunded: seen, disputed: seen, 'dispute-won': seen, expired: seen, fulfilled: seen },
      after: { fulfilled: ({ order }) => afterCommit(welcomeJob, { orderId: order.id }, `welcome:${order.id}`) },
    },
    entitlements: [seat],
    fulfilmentGates: opts.hold ? [async () => 'hold'] : [],
  };
}

describe('order core', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
  });
  after(() => t.close());

  const load = (id: string) =>
    t.services.database.db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const inTrx = <T>(fn: (trx: Transaction<DB>) => Promise<T>) => t.services.database.db.transaction().execute(fn);

  test('a registered entitlement is granted once, revoked by a dispute and restored when it is won', async () => {
    const calls: Call[] = [];
    const example = exampleFeature(calls);
    t.services.orders = orderCoreOf([...features, example]);
    const { orderId } = await seedPurchase(t.services, { status: 'pending' });
    const pending: Order = await load(orderId);

    assert.equal(await inTrx((trx) => t.services.orders.markPaid(trx, pending, { provider: 'test' })), true);
    assert.equal(await inTrx((trx) => t.services.orders.markPaid(trx, pending, { provider: 'test' })), false);
    const worker = await import('../jobs/worker.js');
    const w = new worker.Worker({
      services: t.services,
      jobs: [...(await import('../jobs/registry.js')).allJobs, ...(example.jobs ?? [])],
      concurrency: 1,
      leaseMs: 30_000,
      log: t.services.log,
    });
    while (await w.runOnce());

    const paidCalls = calls.filter((c) => c.what === 'within:paid');
    assert.deepEqual(paidCalls, [{ what: 'within:paid', orderId, detail: 'in-transaction' }], 'paid is announced once');
    assert.equal(calls.filter((c) => c.what === 'grant').length, 1);
    assert.equal(calls.filter((c) => c.what === 'welcome-job').length, 1, 'the after-commit job ran once');
    const events = await t.services.database.db
      .selectFrom('order_events')
      .select(['kind', 'detail'])
      .where('order_id', '=', orderId)
      .where('kind', '=', 'delivered')
      .execute();
    assert.equal(events.length, 1);
    assert.deepEqual(JSON.parse(events[0]!.detail), { seats: 1 }, 'the delivery entry counts the new kind');

    const paid = await load(orderId);
    const dispute = { id: 'dp_1', status: 'open' as const, amountMinor: paid.total_minor, reason: 'fraudulent' };
    assert.equal(await inTrx((trx) => t.services.orders.markDisputed(trx, paid, 'test', dispute)), true);
    const revoked = calls.find((c) => c.what === 'revoke');
    assert.equal(revoked?.detail, 'dispute');
    const disputed = await load(orderId);
    const won = { ...dispute, status: 'won' as const };
    assert.equal(await inTrx((trx) => t.services.orders.markDisputeWon(trx, disputed, 'test', won)), true);
    const record = await t.services.database.db
      .selectFrom('order_disputes')
      .select('access_revoked_at')
      .where('order_id', '=', orderId)
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      calls.filter((c) => c.what === 'restore'),
      [{ what: 'restore', orderId, detail: `dispute@${record.access_revoked_at}` }],
      'restores exactly what the dispute took',
    );

    const again = await load(orderId);
    assert.equal(await inTrx((trx) => t.services.orders.markRefunded(trx, again, { actor: 'test' })), true);
    assert.equal(await inTrx((trx) => t.services.orders.markRefunded(trx, again, { actor: 'test' })), false);
    assert.deepEqual(
      calls.filter((c) => c.what === 'revoke').map((c) => c.detail),
      ['dispute', 'refund'],
    );
    assert.equal(calls.filter((c) => c.what === 'within:refunded').length, 1);
  });

  test('a subscriber that fails rolls the transition back: no state change, no event, no job', async () => {
    const failing: Feature = {
      name: 'failing',
      orders: {
        within: {
          paid: async () => {
            throw new Error('subscriber failed');
          },
        },
      },
    };
    t.services.orders = orderCoreOf([...features, failing]);
    const { orderId } = await seedPurchase(t.services, { status: 'pending' });
    const pending = await load(orderId);
    await assert.rejects(
      inTrx((trx) => t.services.orders.markPaid(trx, pending, {})),
      /subscriber failed/,
    );
    assert.equal((await load(orderId)).status, 'pending');
    const jobs = await t.services.database.db
      .selectFrom('jobs')
      .select('unique_key')
      .where('unique_key', '=', `fulfil:${orderId}`)
      .execute();
    assert.equal(jobs.length, 0);
  });

  test('a fulfilment gate that holds keeps every entitlement back', async () => {
    const calls: Call[] = [];
    t.services.orders = orderCoreOf([...features, exampleFeature(calls, { hold: true })]);
    const { orderId } = await seedPurchase(t.services, { status: 'pending' });
    const pending = await load(orderId);
    await inTrx((trx) => t.services.orders.markPaid(trx, pending, {}));
    await t.drainJobs();
    assert.deepEqual(
      calls.filter((c) => c.what === 'grant' || c.what === 'within:fulfilled'),
      [],
    );
    t.services.orders = orderCoreOf();
  });
});
