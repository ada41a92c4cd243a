import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestDatabase, type TestDatabase, testDialect } from '../../testing/database.js';
import { seedDiscount } from '../orders/testing.js';
import { findDiscountByCode, redeemDiscount } from './redeem.js';

describe(`discount redemption (${testDialect})`, () => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database.close());

  test('20 concurrent checkouts on a code limited to 5: exactly 5 redeem it', async () => {
    const { db } = database;
    const code = await seedDiscount(db, { code: 'FIVE', max_redemptions: 5 });
    const results = await Promise.all(
      Array.from({ length: 20 }, () => db.transaction().execute((trx) => redeemDiscount(trx, code.id))),
    );
    assert.equal(results.filter(Boolean).length, 5);
    const row = await db
      .selectFrom('discount_codes')
      .select('redemptions')
      .where('id', '=', code.id)
      .executeTakeFirst();
    assert.equal(row?.redemptions, 5);
    assert.equal(await redeemDiscount(db, code.id), false);
  });

  test('a code without a limit counts every use', async () => {
    const { db } = database;
    const code = await seedDiscount(db, { code: 'ENDLESS' });
    const results = await Promise.all(Array.from({ length: 12 }, () => redeemDiscount(db, code.id)));
    assert.ok(results.every(Boolean));
    const row = await db
      .selectFrom('discount_codes')
      .select('redemptions')
      .where('id', '=', code.id)
      .executeTakeFirst();
    assert.equal(row?.redemptions, 12);
  });

  test('inactive, expired and unknown codes are not redeemed', async () => {
    const { db } = database;
    const off = await seedDiscount(db, { code: 'OFF', active: 0 });
    const old = await seedDiscount(db, { code: 'OLD', expires_at: '2026-01-01T23:59:59.999Z' });
    assert.equal(await redeemDiscount(db, off.id), false);
    assert.equal(await redeemDiscount(db, old.id, '2026-01-02T00:00:00.000Z'), false);
    assert.equal(await redeemDiscount(db, old.id, '2026-01-01T10:00:00.000Z'), true);
    assert.equal(await redeemDiscount(db, '00000000-0000-4000-8000-000000000000'), false);
  });

  test('a redemption rolled back with its order is not counted', async () => {
    const { db } = database;
    const code = await seedDiscount(db, { code: 'ROLLBACK', max_redemptions: 1 });
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        assert.equal(await redeemDiscount(trx, code.id), true);
        throw new Error('payment set-up failed');
      }),
      /payment set-up failed/,
    );
    assert.equal(await redeemDiscount(db, code.id), true);
  });

  test('codes are found whatever case the buyer types', async () => {
    const { db } = database;
    const code = await seedDiscount(db, { code: 'SUMMER-26' });
    assert.equal((await findDiscountByCode(db, 'summer-26'))?.id, code.id);
    assert.equal((await findDiscountByCode(db, '  Summer-26 '))?.id, code.id);
    assert.equal(await findDiscountByCode(db, 'winter-26'), undefined);
    assert.equal(await findDiscountByCode(db, "x' OR 1=1 --"), undefined);
    assert.equal(await findDiscountByCode(db, ''), undefined);
  });
});
