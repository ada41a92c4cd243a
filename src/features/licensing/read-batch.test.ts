import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type Database, migrateToLatest, openDatabase } from '../../db/database.js';
import { SqliteReadBatch } from './read-batch.js';

// The batch exists only on SQLite, so this test opens its own SQLite file whatever DATABASE_URL says.
describe('SQLite read batch', () => {
  let dir: string;
  let database: Database;
  let batch: SqliteReadBatch;
  const SQL = 'SELECT value FROM settings WHERE key = ?';

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vf-read-batch-'));
    database = await openDatabase(`sqlite:${join(dir, 'vielfach.db')}`);
    await migrateToLatest(database.db);
    batch = new SqliteReadBatch(database.db, database.sqlite!);
    await database.db
      .insertInto('settings')
      .values([
        { key: 'batch.a', value: 'A' },
        { key: 'batch.b', value: 'B' },
      ])
      .execute();
  });
  after(async () => {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('reads asked together are answered together, each with its own row', async () => {
    const keys = Array.from({ length: 50 }, (_, i) => ['batch.a', 'batch.b', 'batch.none'][i % 3]!);
    const rows = await Promise.all(keys.map((k) => batch.read<{ value: string }>(SQL, [k])));
    assert.deepEqual(
      rows.map((r) => r?.value),
      keys.map((k) => ({ 'batch.a': 'A', 'batch.b': 'B' })[k]),
    );
    assert.equal(database.sqlite!.inTransaction, false, 'the read transaction is closed');
  });

  test('a bad query fails only its own read', async () => {
    const [good, bad] = await Promise.allSettled([
      batch.read<{ value: string }>(SQL, ['batch.a']),
      batch.read('SELECT nope FROM settings WHERE key = ?', ['batch.a']),
    ]);
    assert.equal(good.status === 'fulfilled' && good.value?.value, 'A');
    assert.equal(bad.status, 'rejected');
  });

  test('while a transaction is open, reads wait for it and never see its uncommitted writes', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let reading: Promise<{ value: string } | undefined> | undefined;
    const trx = database.db
      .transaction()
      .execute(async (t) => {
        await t.updateTable('settings').set({ value: 'uncommitted' }).where('key', '=', 'batch.a').execute();
        reading = batch.read<{ value: string }>(SQL, ['batch.a']);
        await held;
        throw new Error('roll back');
      })
      .catch(() => 'rolled back');
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    release();
    assert.equal(await trx, 'rolled back');
    assert.equal((await reading!)?.value, 'A');
  });
});
