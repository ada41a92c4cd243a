import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, TEST_ADMIN, type TestApp } from '../../testing/app.js';
import { runPhase } from './run-phase.js';
import { fixtureBytes, runOf, tableCounts, verdicts } from './testing.js';
import { startImport, uploadImport } from './upload-import.js';

/** A Gumroad sales CSV of `n` lines: buyers and products repeat across batches, every 7th is refunded. */
export function gumroadCsv(n: number): Buffer {
  const lines = fixtureBytes('gumroad-sales.csv').toString('utf8').split('\n');
  const header = lines[0]!;
  const template = lines[1]!.split(',');
  const out = [header];
  for (let i = 0; i < n; i++) {
    const row = [...template];
    row[0] = `sale${i}`;
    row[1] = `Product ${i % 3}`;
    row[3] = `buyer${i % 5}@example.com`;
    row[4] = row[3];
    row[25] = i % 7 === 6 ? '1' : '0';
    row[34] = `prod${i % 3}`;
    row[51] = i % 2 === 0 ? `KEY${i}-AAAA-BBBB` : '';
    out.push(row.join(','));
  }
  return Buffer.from(`${out.join('\n')}\n`);
}

describe('an import that dies half-way', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
  });
  after(() => t.close());

  test('a dry run in small batches says what the import does; a crashed import goes on where it stopped', async () => {
    const { db } = t.services.database;
    const { Readable } = await import('node:stream');
    const r = await uploadImport({
      db,
      storage: t.services.storage,
      upload: { filename: 'big.csv', stream: Readable.from([gumroadCsv(23)]) },
      actor: TEST_ADMIN.email,
    });
    assert.equal(r.kind, 'ok');
    const runId = r.kind === 'ok' ? r.runId : '';
    const before = await tableCounts(t);
    // Batches of 4: what one batch would create, a later batch meets as existing (customers, products).
    assert.equal(await runPhase({ db, storage: t.services.storage, runId, phase: 'dry', batchLines: 4 }), 'done');
    assert.deepEqual(await tableCounts(t), before);
    assert.equal((await db.selectFrom('import_dry_keys').select('key').execute()).length, 0);
    const dry = await verdicts(t, runId, 'dry');
    assert.equal(dry.length, 23);
    assert.equal(dry.filter((v) => v.includes('customer:create')).length, 5);
    assert.equal(dry.filter((v) => v.includes('product:create')).length, 3);

    assert.ok(await startImport(db, runId, TEST_ADMIN.email));
    // The worker dies after two batches of five lines.
    const stopped = await runPhase({
      db,
      storage: t.services.storage,
      runId,
      phase: 'real',
      batchLines: 5,
      stopAfterBatches: 2,
    });
    assert.equal(stopped, 'stopped');
    let run = await runOf(t, runId);
    assert.equal(run.status, 'importing');
    assert.equal(run.rows_done, 10);
    assert.equal(run.rows_total, 23);
    const page = await t.app.inject({ method: 'GET', url: `/admin/imports/${runId}` });
    assert.ok([302, 303].includes(page.statusCode));

    // The queued job takes over and goes on after line 11 (line 1 is the header).
    await t.drainJobs();
    run = await runOf(t, runId);
    assert.equal(run.status, 'done');
    assert.equal(run.rows_done, 23);
    assert.deepEqual(await verdicts(t, runId, 'real'), dry);
    const orders = await db.selectFrom('orders').select('number').where('provider', '=', 'import').execute();
    const refunded = [6, 13, 20].length;
    assert.equal(orders.length, 23 - refunded);
    assert.equal(new Set(orders.map((o) => o.number)).size, orders.length);
    assert.equal((await db.selectFrom('customers').select('id').execute()).length, 5);
    // Keys on even lines, but not on the refunded sales 6 and 20.
    assert.equal((await db.selectFrom('license_keys').select('id').execute()).length, 12 - 2);
  });
});
