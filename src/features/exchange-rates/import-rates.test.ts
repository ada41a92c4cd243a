import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../../testing/database.js';
import { crossBorderB2cEur, netTurnoverEur } from '../invoices/queries.js';
import { importRates } from './import-rates.js';
import { periodEndRate } from './rates.js';
import { insertInvoice, sample } from './testing.js';

const TODAY = '2026-11-27';

describe('exchange rates in the database', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(async () => {
    await database.close();
  });
  const count = async () =>
    Number(
      (
        await database.db
          .selectFrom('exchange_rates')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  test('an import adds every rate once; repeating it, or the same day in another format, adds nothing', async () => {
    const { db } = database;
    const first = await importRates(db, { text: sample('eurofxref-hist.csv'), source: 'upload', actor: 'a@b.c' });
    assert.ok(first.ok);
    assert.deepEqual(
      [first.total, first.imported, first.currencies, first.firstDate, first.lastDate],
      [89, 89, 30, '2024-06-28', '2024-07-02'],
    );
    const again = await importRates(db, { text: sample('eurofxref-hist.csv'), source: 'upload' });
    assert.ok(again.ok);
    assert.deepEqual([again.imported, again.conflicts], [0, []]);
    const csv = await importRates(db, { text: sample('eurofxref.csv'), source: 'upload' });
    const xml = await importRates(db, { text: sample('eurofxref-daily.xml'), source: 'fetch' });
    assert.ok(csv.ok && xml.ok);
    assert.deepEqual([csv.imported, xml.imported, xml.conflicts.length], [29, 0, 0]); // "173.80" = "173.8"
    assert.equal(await count(), 89 + 29);
    const audit = await db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'exchange-rates.import')
      .execute();
    assert.equal(audit.length, 1);
  });

  test('a file with one bad entry imports nothing', async () => {
    const broken = sample('eurofxref-hist.csv').replace('2024-07-01,1.0746,', '2024-07-01,1.07,46,');
    const r = await importRates(database.db, { text: broken, source: 'upload' });
    assert.equal(r.ok, false);
    assert.ok(!r.ok && r.error === 'problems' && r.problems[0]?.reason === 'columns' && r.problems[0].line === 3);
    assert.equal(await count(), 0);
    const notEcb = await importRates(database.db, { text: 'email,name\na@b.c,A\n', source: 'upload' });
    assert.deepEqual(notEcb, { ok: false, error: 'not-ecb' });
  });

  test('a stored rate is kept when a file brings another value for the same day, and reported', async () => {
    const { db } = database;
    await importRates(db, { text: sample('eurofxref-hist.csv'), source: 'upload' });
    const changed = sample('eurofxref-hist.csv').replace('2024-06-28,1.0705,', '2024-06-28,1.0800,');
    const r = await importRates(db, { text: changed, source: 'upload' });
    assert.ok(r.ok);
    assert.deepEqual(r.conflicts, [{ currency: 'USD', date: '2024-06-28', rate: '1.08', stored: '1.0705' }]);
    const usd = await periodEndRate(db, 'USD', '2024-06-28', TODAY);
    assert.deepEqual(usd, { ok: true, currency: 'USD', date: '2024-06-28', rate: '1.0705' });
  });

  test('a period ending on a weekend takes the next publication day; missing and future days are named', async () => {
    const { db } = database;
    await importRates(db, { text: sample('eurofxref-hist.csv'), source: 'upload' });
    // Q2 2024 ended on Sunday 30 June: Monday's rate.
    assert.deepEqual(await periodEndRate(db, 'USD', '2024-06-30', TODAY), {
      ok: true,
      currency: 'USD',
      date: '2024-07-01',
      rate: '1.0746',
    });
    assert.deepEqual(await periodEndRate(db, 'JPY', '2024-06-28', TODAY), {
      ok: true,
      currency: 'JPY',
      date: '2024-06-28',
      rate: '171.94',
    });
    assert.deepEqual(await periodEndRate(db, 'USD', '2024-09-30', TODAY), {
      ok: false,
      currency: 'USD',
      date: '2024-09-30',
      reason: 'not-imported',
    });
    // The quarter is not over yet (or its day's rate not published): not yet, never a guess.
    assert.deepEqual(await periodEndRate(db, 'USD', '2026-12-31', TODAY), {
      ok: false,
      currency: 'USD',
      date: '2026-12-31',
      reason: 'not-yet',
    });
    assert.deepEqual(await periodEndRate(db, 'KWD', '2024-06-30', TODAY), {
      ok: false,
      currency: 'KWD',
      date: '2024-06-30',
      reason: 'no-ecb-rate',
    });
    // ISK was "N/A" on 2 July (the day is imported, the ECB skipped ISK): the next day counts,
    // and that day is not imported.
    assert.deepEqual(await periodEndRate(db, 'ISK', '2024-07-02', TODAY), {
      ok: false,
      currency: 'ISK',
      date: '2024-07-03',
      reason: 'not-imported',
    });
    await db
      .insertInto('exchange_rates')
      .values({ currency: 'ISK', date: '2024-07-03', rate: '149.1', source: 'upload', imported_at: TODAY })
      .execute();
    const isk = await periodEndRate(db, 'ISK', '2024-07-02', TODAY);
    assert.deepEqual(isk.ok && [isk.date, isk.rate], ['2024-07-03', '149.1']);
  });

  test('a day that was not imported is not bridged by a later rate', async () => {
    const { db } = database;
    const lines = sample('eurofxref-hist.csv').split('\n');
    // Only 28 June and 2 July: Monday 1 July, the day the rule needs, is missing.
    const gap = [lines[0], lines[1], lines[3]].join('\n');
    assert.ok((await importRates(db, { text: gap, source: 'upload' })).ok);
    assert.deepEqual(await periodEndRate(db, 'USD', '2024-06-30', TODAY), {
      ok: false,
      currency: 'USD',
      date: '2024-07-01',
      reason: 'not-imported',
    });
  });

  test('§ 19 and OSS threshold counters add other currencies at the rate of their day', async () => {
    const { db } = database;
    // EUR: net 100.00 domestic. USD: gross 128.46 (net 107.05) to France on Sunday 30 June 2024.
    await insertInvoice(db, {
      currency: 'EUR',
      grossMinor: 11900,
      issuedAt: '2024-07-01T10:00:00.000Z',
      scheme: 'domestic',
      country: 'DE',
      rateBp: 1900,
    });
    await insertInvoice(db, { currency: 'USD', grossMinor: 12846, issuedAt: '2024-06-30T10:00:00.000Z' });
    await insertInvoice(db, { currency: 'USD', grossMinor: -12846, issuedAt: '2024-06-28T10:00:00.000Z' });
    await insertInvoice(db, { currency: 'USD', grossMinor: 12846, issuedAt: '2024-06-28T11:00:00.000Z' });
    // Without rates the other currencies are a documented gap: only EUR counts.
    assert.equal(await netTurnoverEur(db, 2024), 10000);
    assert.equal(await crossBorderB2cEur(db, 2024, 'DE'), 0);
    await importRates(db, { text: sample('eurofxref-hist.csv'), source: 'upload' });
    // 30 June (Sunday) takes Friday's 1.0705: USD 107.05 = EUR 100.00; the credit note of 28 June cancels one.
    assert.equal(await netTurnoverEur(db, 2024), 20000);
    assert.equal(await crossBorderB2cEur(db, 2024, 'DE'), 10000);
    assert.equal(await netTurnoverEur(db, 2023), 0);
  });
});
