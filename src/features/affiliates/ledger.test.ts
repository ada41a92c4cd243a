import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Kysely } from 'kysely';
import type { DB, Order } from '../../db/schema.js';
import { createTestDatabase, type TestDatabase, testDialect } from '../../testing/database.js';
import { seedCustomer, seedOrder, seedProduct } from '../orders/testing.js';
import { scheduleApproval } from './approve.job.js';
import { approveDueCommissions } from './approve.js';
import { balances, payableBalances, recordPayout } from './ledger.js';
import {
  recordSaleCommissions,
  restoreAfterDispute,
  reverseForDispute,
  reverseForPartialRefund,
  reverseForRefund,
} from './order-ledger.js';
import { attributeOrder, seedAffiliate } from './testing.js';

const DAY = 86_400_000;
const T0 = new Date('2026-11-01T10:00:00.000Z');
const day = (n: number) => new Date(T0.getTime() + n * DAY);

describe(`affiliate commission ledger (${testDialect})`, () => {
  let database: TestDatabase;
  let db: Kysely<DB>;
  before(async () => {
    database = await createTestDatabase();
    db = database.db;
  });
  after(() => database.close());

  async function paidOrder(affiliateId: string, prices: number[], buyer?: string): Promise<Order> {
    const customer = await seedCustomer(db, buyer ? { email: buyer } : {});
    const items = [];
    for (const priceMinor of prices) items.push({ product: await seedProduct(db, { priceMinor }) });
    const seeded = await seedOrder(db, { customer, items });
    await attributeOrder(db, seeded.id, affiliateId);
    return db.selectFrom('orders').selectAll().where('id', '=', seeded.id).executeTakeFirstOrThrow();
  }

  /** The invariant: the sum of the entries is the balance, held + payable, at any moment. */
  async function assertInvariant(affiliateId: string, asOf: Date) {
    const rows = await db
      .selectFrom('affiliate_commission_entries')
      .select('amount_minor')
      .where('affiliate_id', '=', affiliateId)
      .execute();
    const sum = rows.reduce((s, r) => s + r.amount_minor, 0);
    const [b] = await balances(db, asOf, affiliateId);
    assert.ok(b);
    assert.equal(b.totalMinor, sum);
    assert.equal(b.heldMinor + b.payableMinor, sum);
    return b;
  }

  const payableOf = async (affiliateId: string, asOf: Date) =>
    (await payableBalances(db, asOf)).find((p) => p.affiliateId === affiliateId)?.payableMinor ?? 0;

  test('paid, partial refund in the hold, payout, refund after payout, carry-over: the sum is always the balance', async () => {
    const affiliate = await seedAffiliate(db);
    const order = await paidOrder(affiliate.id, [10_000, 5_000]);
    assert.equal(await recordSaleCommissions(db, order, T0), 2);
    assert.equal(await recordSaleCommissions(db, order, T0), 0, 'a repeated paid event adds nothing');
    let b = await assertInvariant(affiliate.id, day(1));
    assert.deepEqual([b.heldMinor, b.payableMinor], [3_000, 0]);

    // 20 % of the order refunded inside the hold: 20 % of each line's commission goes.
    await reverseForPartialRefund(db, { ...order, refunded_minor: 0 }, 3_000, day(2));
    await reverseForPartialRefund(db, order, 3_000, day(2));
    b = await assertInvariant(affiliate.id, day(2));
    assert.equal(b.heldMinor, 2_400);
    const kinds = await db
      .selectFrom('affiliate_commission_entries')
      .select('kind')
      .where('affiliate_id', '=', affiliate.id)
      .execute();
    assert.deepEqual(kinds.map((k) => k.kind).sort(), ['pending', 'pending', 'reversed', 'reversed']);

    // Hold over (30 days by default): payable.
    assert.equal(await payableOf(affiliate.id, day(29)), 0);
    assert.equal(await payableOf(affiliate.id, day(31)), 2_400);
    assert.equal(await approveDueCommissions(db, day(31)), 2);
    assert.equal(await approveDueCommissions(db, day(31)), 0);
    b = await assertInvariant(affiliate.id, day(31));
    assert.deepEqual([b.heldMinor, b.payableMinor], [0, 2_400]);

    await db.transaction().execute((trx) =>
      recordPayout(trx, {
        affiliateId: affiliate.id,
        currency: 'EUR',
        amountMinor: 2_400,
        payoutId: 'po-1',
        at: day(32),
      }),
    );
    await db.transaction().execute((trx) =>
      recordPayout(trx, {
        affiliateId: affiliate.id,
        currency: 'EUR',
        amountMinor: 2_400,
        payoutId: 'po-1',
        at: day(32),
      }),
    );
    b = await assertInvariant(affiliate.id, day(32));
    assert.deepEqual([b.payableMinor, b.totalMinor], [0, 0]);

    // Refund of the rest after the payout: clawed back, a negative balance carried forward.
    await reverseForRefund(db, order, day(40));
    await reverseForRefund(db, order, day(40));
    b = await assertInvariant(affiliate.id, day(40));
    assert.equal(b.payableMinor, -2_400);
    assert.equal(await payableOf(affiliate.id, day(40)), 0);
    const clawed = await db
      .selectFrom('affiliate_commission_entries')
      .select((eb) => eb.fn.sum<number>('amount_minor').as('s'))
      .where('affiliate_id', '=', affiliate.id)
      .where('kind', '=', 'clawed_back')
      .executeTakeFirstOrThrow();
    assert.equal(Number(clawed.s), -2_400);

    // A later sale first makes up the negative balance.
    const next = await paidOrder(affiliate.id, [20_000]);
    await recordSaleCommissions(db, next, day(41));
    assert.equal(await payableOf(affiliate.id, day(80)), 4_000 - 2_400);
    await assertInvariant(affiliate.id, day(80));
  });

  test('a payout above the payable balance is refused and writes nothing', async () => {
    const affiliate = await seedAffiliate(db);
    const order = await paidOrder(affiliate.id, [1_000]);
    await recordSaleCommissions(db, order, T0);
    await assert.rejects(
      db.transaction().execute((trx) =>
        recordPayout(trx, {
          affiliateId: affiliate.id,
          currency: 'EUR',
          amountMinor: 200,
          payoutId: 'early',
          at: day(5),
        }),
      ),
      /exceeds/,
    );
    await assert.rejects(
      db.transaction().execute((trx) =>
        recordPayout(trx, {
          affiliateId: affiliate.id,
          currency: 'EUR',
          amountMinor: 0,
          payoutId: 'zero',
          at: day(40),
        }),
      ),
    );
    const [b] = await balances(db, day(40), affiliate.id);
    assert.equal(b?.payableMinor, 200);
  });

  test('a refund after the hold but before a payout is a reversal, not a claw-back', async () => {
    const affiliate = await seedAffiliate(db);
    const order = await paidOrder(affiliate.id, [1_000]);
    await recordSaleCommissions(db, order, T0);
    await reverseForRefund(db, order, day(35));
    const kinds = await db
      .selectFrom('affiliate_commission_entries')
      .select('kind')
      .where('order_id', '=', order.id)
      .execute();
    assert.deepEqual(kinds.map((k) => k.kind).sort(), ['pending', 'reversed']);
    assert.equal((await assertInvariant(affiliate.id, day(35))).totalMinor, 0);
  });

  test('a chargeback reverses, a won one gives the commission back', async () => {
    const affiliate = await seedAffiliate(db);
    const order = await paidOrder(affiliate.id, [2_000]);
    await recordSaleCommissions(db, order, T0);
    await reverseForDispute(db, order, 'dp_1', day(3));
    assert.equal((await assertInvariant(affiliate.id, day(3))).totalMinor, 0);
    await restoreAfterDispute(db, order, 'dp_1', day(9));
    await restoreAfterDispute(db, order, 'dp_1', day(9));
    assert.equal((await assertInvariant(affiliate.id, day(9))).heldMinor, 400);
  });

  test('self-referral earns nothing; fixed commissions are per unit and capped at the net price', async () => {
    const selfie = await seedAffiliate(db, { email: 'me@example.com' });
    const own = await paidOrder(selfie.id, [1_000], 'Me@Example.com');
    assert.equal(await recordSaleCommissions(db, own, T0), 0);

    const fixed = await seedAffiliate(db, { commission_kind: 'fixed', commission_fixed_minor: 700 });
    const order = await paidOrder(fixed.id, [500, 5_000]);
    await recordSaleCommissions(db, order, T0);
    const [b] = await balances(db, day(1), fixed.id);
    assert.equal(b?.heldMinor, 500 + 700);
  });
  test('200 random steps of sales, partial and full refunds, chargebacks and payouts: the invariant holds after each', async () => {
    const affiliate = await seedAffiliate(db);
    // A small deterministic generator (mulberry32), so a failure can be replayed.
    let seed = 22;
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
      return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
    };
    const orders: Order[] = [];
    let clock = 0;
    let payouts = 0;
    for (let step = 0; step < 200; step++) {
      clock += Math.floor(random() * 3);
      const at = day(clock);
      const pick = orders[Math.floor(random() * orders.length)];
      const r = random();
      if (r < 0.35 || !pick) {
        const order = await paidOrder(affiliate.id, [1_000 + Math.floor(random() * 9_000)]);
        await recordSaleCommissions(db, order, at);
        orders.push(order);
      } else if (r < 0.55) {
        await reverseForPartialRefund(db, pick, Math.floor(random() * pick.total_minor), at);
      } else if (r < 0.65) {
        await reverseForRefund(db, pick, at);
      } else if (r < 0.75) {
        await reverseForDispute(db, pick, `dp-${step}`, at);
      } else {
        const payable = await payableOf(affiliate.id, at);
        if (payable > 0)
          await db.transaction().execute((trx) =>
            recordPayout(trx, {
              affiliateId: affiliate.id,
              currency: 'EUR',
              amountMinor: payable,
              payoutId: `po-${++payouts}`,
              at,
            }),
          );
      }
      const b = await assertInvariant(affiliate.id, at);
      // No line is ever reversed below zero: what a line earns stays within [0, its commission].
      const lines = await db
        .selectFrom('affiliate_commission_entries')
        .select(['order_item_id'])
        .select((eb) => eb.fn.sum<number>('amount_minor').as('net'))
        .where('affiliate_id', '=', affiliate.id)
        .where('order_item_id', 'is not', null)
        .groupBy('order_item_id')
        .execute();
      for (const line of lines)
        assert.ok(Number(line.net) >= 0, `line ${line.order_item_id} below zero at step ${step}`);
      assert.ok(b.heldMinor >= 0);
    }
    assert.ok(payouts > 0, 'the sequence paid out at least once');
    const kinds = await db
      .selectFrom('affiliate_commission_entries')
      .select('kind')
      .distinct()
      .where('affiliate_id', '=', affiliate.id)
      .execute();
    assert.deepEqual(
      kinds.map((k) => k.kind).sort(),
      ['clawed_back', 'paid', 'pending', 'reversed'],
      'every kind of entry occurred',
    );
  });
  test('the daily approval run is scheduled once per day, however often the server starts', async () => {
    const at = new Date('2027-01-05T03:00:00.000Z');
    await scheduleApproval(db, at);
    await scheduleApproval(db, at);
    const jobs = await db
      .selectFrom('jobs')
      .select('run_at')
      .where('kind', '=', 'affiliates.approve-commissions')
      .execute();
    assert.equal(jobs.length, 1);
  });
});
