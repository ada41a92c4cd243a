import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { reconcileSlot, scheduleReconciliation } from '../reconcile-payments.job.js';
import {
  buildStripeTestApp,
  deliveriesOf,
  orderById,
  orderEvents,
  runJobsNow,
  type StripeTestApp,
  startCheckout,
} from './testing.js';

describe('Stripe: reconciliation finds what a lost webhook would have told', () => {
  let t: StripeTestApp;
  const every = 10;
  before(async () => {
    t = await buildStripeTestApp({ RECONCILE_AFTER_MINUTES: String(every) });
  });
  after(() => t.close());

  const db = () => t.services.database.db;
  /** The order was placed `minutes` ago. */
  const age = (orderId: string, minutes: number) =>
    db()
      .updateTable('orders')
      .set({ created_at: new Date(Date.now() - minutes * 60_000).toISOString() })
      .where('id', '=', orderId)
      .execute();
  const reconcileJobs = () => db().selectFrom('jobs').selectAll().where('kind', '=', 'payments.reconcile').execute();

  /** Starts the chain (a no-op if running) and runs every scheduled reconciliation now, with its lookups. */
  async function reconcile() {
    await scheduleReconciliation(db(), every);
    return runJobsNow(t, ['payments.reconcile']);
  }

  test('a paid session whose webhook never came: found, paid, delivered once; young and unpaid orders are left', async () => {
    const lost = await startCheckout(t, { email: 'lost@example.com' });
    t.stripe.state.pay(lost.sessionId);
    await age(lost.order.id, 30);
    const young = await startCheckout(t);
    t.stripe.state.pay(young.sessionId);
    const abandoned = await startCheckout(t);
    await age(abandoned.order.id, 30);

    await reconcile();
    const paid = await orderById(t, lost.order.id);
    assert.equal(paid.status, 'paid');
    assert.equal((await deliveriesOf(t, lost.order.id)).length, 1);
    const event = await db()
      .selectFrom('order_events')
      .select('detail')
      .where('order_id', '=', lost.order.id)
      .where('kind', '=', 'paid')
      .executeTakeFirstOrThrow();
    assert.equal(JSON.parse(event.detail).via, 'reconciliation');
    assert.equal((await orderById(t, young.order.id)).status, 'pending', 'too young to look up');
    assert.equal((await orderById(t, abandoned.order.id)).status, 'pending', 'still open at Stripe');

    const reads = (s: string) => t.stripe.requestsTo('GET', `/v1/checkout/sessions/${s}`).length;
    assert.deepEqual([reads(lost.sessionId), reads(young.sessionId), reads(abandoned.sessionId)], [1, 0, 1]);
    await reconcile(); // the next slot's run
    assert.deepEqual(
      [reads(lost.sessionId), reads(young.sessionId), reads(abandoned.sessionId)],
      [1, 0, 2],
      'only what is still pending is looked up again',
    );
    assert.equal((await deliveriesOf(t, lost.order.id)).length, 1);
    assert.equal((await orderEvents(t, lost.order.id)).filter((k) => k === 'paid').length, 1);
  });

  test('each run schedules the next time slot once, however often it is started', async () => {
    const later = new Date(Date.now() + 100 * every * 60_000);
    await scheduleReconciliation(db(), every, later);
    await scheduleReconciliation(db(), every, later);
    const now = reconcileSlot(later, every).key;
    const next = reconcileSlot(new Date(later.getTime() + every * 60_000), every).key;
    await runJobsNow(t, ['payments.reconcile']);
    const keys = (await reconcileJobs()).map((j) => j.unique_key);
    assert.equal(keys.filter((k) => k === now).length, 1);
    assert.equal(keys.filter((k) => k === next).length, 1);
    const pendingNext = (await reconcileJobs()).filter((j) => j.unique_key === next);
    assert.equal(pendingNext[0]?.status, 'pending');
    assert.ok(pendingNext[0]!.run_at > new Date().toISOString(), 'the next run waits for its slot');
  });

  test('Stripe failing during reconciliation: the lookup is retried later and the sale is kept', async () => {
    const { order, sessionId } = await startCheckout(t);
    t.stripe.state.pay(sessionId);
    await age(order.id, 45);
    // A clean slate: only this test's run.
    await db().updateTable('jobs').set({ status: 'done' }).where('kind', '=', 'payments.reconcile').execute();
    t.stripe.failNext = Number.POSITIVE_INFINITY;
    await scheduleReconciliation(db(), every, new Date(Date.now() + 500 * every * 60_000));
    await runJobsNow(t, ['payments.reconcile']);
    const sync = await db()
      .selectFrom('jobs')
      .selectAll()
      .where('kind', '=', 'payment.sync-order')
      .where('payload', 'like', `%${order.id}%`)
      .execute();
    assert.equal(sync.length, 1);
    assert.deepEqual([sync[0]?.status, sync[0]?.attempts], ['pending', 1]);
    assert.match(sync[0]?.last_error ?? '', /Something went wrong/);
    assert.equal((await orderById(t, order.id)).status, 'pending');

    t.stripe.failNext = 0;
    await runJobsNow(t, ['payment.sync-order']);
    assert.equal((await orderById(t, order.id)).status, 'paid');
    assert.equal((await deliveriesOf(t, order.id)).length, 1);
  });

  test('a delayed payment that settled days later is found by the daily sweep, not by every run', async () => {
    const { order, sessionId } = await startCheckout(t);
    t.stripe.state.pay(sessionId, { async: true });
    t.stripe.state.settle(sessionId, true);
    await age(order.id, 3 * 24 * 60);
    await db().updateTable('orders').set({ status: 'expired' }).where('id', '=', order.id).execute();
    await db().updateTable('jobs').set({ status: 'done' }).where('kind', '=', 'payments.reconcile').execute();
    const reads = () => t.stripe.requestsTo('GET', `/v1/checkout/sessions/${sessionId}`).length;

    const midday = new Date(Date.now() + 2 * 24 * 3600_000);
    midday.setUTCHours(12, 0, 0, 0);
    await scheduleReconciliation(db(), every, midday);
    await runJobsNow(t, ['payments.reconcile']);
    assert.equal(reads(), 0, 'an ordinary run looks at recent checkouts only');

    await db().updateTable('jobs').set({ status: 'done' }).where('kind', '=', 'payments.reconcile').execute();
    const midnight = new Date(midday.getTime() + 12 * 3600_000);
    await scheduleReconciliation(db(), every, midnight);
    await runJobsNow(t, ['payments.reconcile']);
    assert.equal(reads(), 1);
    assert.equal((await orderById(t, order.id)).status, 'paid', 'a late payment is honoured');
    assert.equal((await deliveriesOf(t, order.id)).length, 1);
  });
});
