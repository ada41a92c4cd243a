import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestDatabase, type TestDatabase, testDialect } from '../../testing/database.js';
import { seedCustomer, seedOrder, seedProduct } from '../orders/testing.js';
import { recordSaleCommissions } from './order-ledger.js';
import { affiliatesPrivacyPart } from './privacy-part.js';
import { attributeOrder, seedAffiliate } from './testing.js';

describe(`affiliates privacy part (${testDialect})`, () => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database.close());

  test('export has the record and ledger; erasure deletes a bare affiliate and keeps the accounts of one with commissions', async () => {
    const { db } = database;
    const bare = await seedAffiliate(db, { note: 'I blog about bread' });
    const earning = await seedAffiliate(db, { note: 'Podcast host', website: 'https://pod.example' });
    const seeded = await seedOrder(db, {
      customer: await seedCustomer(db),
      items: [{ product: await seedProduct(db) }],
    });
    await attributeOrder(db, seeded.id, earning.id);
    await recordSaleCommissions(
      db,
      await db.selectFrom('orders').selectAll().where('id', '=', seeded.id).executeTakeFirstOrThrow(),
      new Date(),
    );

    const exported = await affiliatesPrivacyPart.export?.(db, { address: earning.email, orderIds: [] });
    assert.ok(exported);
    assert.equal((exported.affiliate as { code: string }).code, earning.code);
    assert.equal((exported.affiliateLedger as unknown[]).length, 1);
    const stranger = await affiliatesPrivacyPart.export?.(db, { address: 'nobody@example.com', orderIds: [] });
    assert.deepEqual(stranger, { affiliate: null, affiliateLedger: [] });

    const now = new Date().toISOString();
    await db.transaction().execute(async (trx) => {
      assert.deepEqual(await affiliatesPrivacyPart.erase?.(trx, bare.email, now), {
        affiliatesDeleted: 1,
        affiliateSessions: 0,
      });
      assert.deepEqual(await affiliatesPrivacyPart.erase?.(trx, earning.email, now), {
        affiliatesKeptForAccounts: 1,
        affiliateSessions: 0,
      });
    });
    assert.equal(
      await db.selectFrom('affiliates').select('id').where('id', '=', bare.id).executeTakeFirst(),
      undefined,
    );
    const kept = await db.selectFrom('affiliates').selectAll().where('id', '=', earning.id).executeTakeFirstOrThrow();
    assert.deepEqual([kept.note, kept.website, kept.status, kept.name], ['', '', 'suspended', earning.name]);
  });
});
