import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestDatabase, type TestDatabase, testDialect } from '../../testing/database.js';
import { translator } from '../../web/messages.js';
import '../index.js';
import { loadAnalytics } from '../analytics/dashboard-data.js';
import { buildReport } from '../analytics/report.js';
import { seedCustomer, seedOrder, seedProduct } from '../orders/testing.js';
import { appendEntry } from './ledger.js';
import { recordSaleCommissions, reverseForPartialRefund } from './order-ledger.js';
import { attributeOrder, seedAffiliate } from './testing.js';

describe(`commission cost in the leverage figures (${testDialect})`, () => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database.close());

  test('the period shows commissions net of reversals; the 1:n net is after them; payouts are no extra cost', async () => {
    const { db } = database;
    const affiliate = await seedAffiliate(db);
    const customer = await seedCustomer(db);
    const seeded = await seedOrder(db, {
      customer,
      items: [{ product: await seedProduct(db, { priceMinor: 10_000 }) }],
    });
    await attributeOrder(db, seeded.id, affiliate.id);
    const order = await db.selectFrom('orders').selectAll().where('id', '=', seeded.id).executeTakeFirstOrThrow();
    const now = new Date();
    await recordSaleCommissions(db, order, now);
    await reverseForPartialRefund(db, order, 2_500, now);
    // A payout settles what was counted already: no cost of its own.
    await appendEntry(db, {
      affiliateId: affiliate.id,
      kind: 'paid',
      cause: 'payout:x',
      amountMinor: -700,
      currency: 'EUR',
      payoutId: 'x',
      at: now,
    });

    const data = await loadAnalytics(db, { currency: 'EUR', range: '30', now });
    assert.deepEqual(
      data.commissions?.map((c) => c.minor),
      [2_000 - 500],
    );
    const report = buildReport(data, data.period, translator('en'), 'en');
    assert.equal(report.totals.commissions, 1_500);
    assert.equal(report.totals.netAfterCommissions, report.totals.netAfterFees - 1_500);
    const withoutCommissions = buildReport({ ...data, commissions: [] }, data.period, translator('en'), 'en');
    assert.equal(report.oneToMany.netMinor, withoutCommissions.oneToMany.netMinor - 1_500);
  });
});
