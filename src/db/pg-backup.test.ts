import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildApp } from '../app.js';
import { seedCustomer, seedOrder, seedProduct } from '../features/orders/testing.js';
import { buildTestApp, setUpStore } from '../testing/app.js';
import { createEmptyPostgresDatabase, tempDir, testDialect } from '../testing/database.js';
import { httpRequest, listenLocal } from '../testing/http.js';
import { migrateToLatest, openDatabase } from './database.js';
import { PgToolError, pgDump, pgRestore, toolConnection } from './pg-backup.js';

const PG_ONLY =
  testDialect !== 'postgres' &&
  'PostgreSQL only: pg_dump and pg_restore; SQLite has its online backup (vielfach backup)';

test('the password goes to PGPASSWORD, never into the tools’ arguments', () => {
  assert.deepEqual(toolConnection('postgres://shop:s%40cret@db.internal:5433/vielfach?sslmode=require'), {
    dbname: 'postgres://shop@db.internal:5433/vielfach?sslmode=require',
    env: { PGPASSWORD: 's@cret' },
  });
  assert.deepEqual(toolConnection('postgres://root@127.0.0.1:5432/test').env, {});
});

test('a pg_dump backup restored into an empty database: the app starts on it and shows the order', {
  skip: PG_ONLY,
}, async () => {
  const source = await buildTestApp();
  const target = await createEmptyPostgresDatabase();
  const dir = tempDir('vf-pg-backup-');
  const file = join(dir, 'backups', 'vielfach.dump');
  try {
    const { db } = source.database;
    await setUpStore(source.services);
    const product = await seedProduct(db, { title: 'Field Recordings Vol. 2', priceMinor: 1900 });
    const customer = await seedCustomer(db, { email: 'ada@example.com' });
    const order = await seedOrder(db, { customer, items: [{ product }] });
    const { access_key } = await db
      .selectFrom('orders')
      .select('access_key')
      .where('id', '=', order.id)
      .executeTakeFirstOrThrow();

    await pgDump(source.database.url, file);
    assert.equal(statSync(file).mode & 0o777, 0o600, 'the dump is readable by its owner only');
    await pgRestore(file, target.url);

    // A second restore into the now filled database is refused, not mixed in.
    await assert.rejects(pgRestore(file, target.url), (err: Error) => {
      assert.ok(err instanceof PgToolError);
      assert.match(err.message, /restore into an empty one/);
      return true;
    });

    const restored = await openDatabase(target.url, { poolSize: 3 });
    try {
      assert.deepEqual(await migrateToLatest(restored.db), [], 'the dump carries the migration state');
      const app = await buildApp({
        ...source.services,
        config: { ...source.services.config, databaseUrl: target.url },
        database: restored,
      });
      try {
        const base = await listenLocal(app);
        const res = await httpRequest(base, `/checkout/orders/${order.id}?k=${access_key}`);
        assert.equal(res.status, 200);
        assert.match(res.body, new RegExp(order.number));
        assert.match(res.body, /Field Recordings Vol\. 2/);
        const wrongKey = await httpRequest(base, `/checkout/orders/${order.id}?k=not-the-key`);
        assert.equal(wrongKey.status, 404);
      } finally {
        await app.close();
      }
    } finally {
      await restored.close();
    }
  } finally {
    await source.close();
    await target.drop();
  }
});

test('a missing backup file is named in the error', { skip: PG_ONLY }, async () => {
  const target = await createEmptyPostgresDatabase();
  try {
    await assert.rejects(pgRestore('/nonexistent/vielfach.dump', target.url), /No such backup file/);
  } finally {
    await target.drop();
  }
});

function cli(args: string[], databaseUrl: string, dataDir: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: join(import.meta.dirname, '..', '..'),
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      LOG_LEVEL: 'silent',
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
    },
    encoding: 'utf8',
    timeout: 150_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('vielfach backup and vielfach restore on PostgreSQL', { skip: PG_ONLY, timeout: 400_000 }, async () => {
  const source = await buildTestApp();
  const target = await createEmptyPostgresDatabase();
  const dir = tempDir('vf-pg-cli-');
  try {
    await setUpStore(source.services);
    const backup = cli(['backup'], source.database.url, dir);
    assert.equal(backup.code, 0, backup.err);
    const file = /Backup written to (\S+\.dump)/.exec(backup.out)?.[1];
    assert.ok(file && existsSync(file), backup.out);
    assert.ok(file.startsWith(join(dir, 'backups')), 'by default in the data folder’s backups/');

    assert.match(cli(['restore'], target.url, dir).err, /restore needs --from FILE/);
    const restore = cli(['restore', '--from', file], target.url, dir);
    assert.equal(restore.code, 0, restore.err);
    const again = cli(['restore', '--from', file], target.url, dir);
    assert.equal(again.code, 1);
    assert.equal(again.err.trim().split('\n').length, 1, 'one clear line, no stack trace');
    assert.match(again.err, /restore into an empty one/);

    const restored = await openDatabase(target.url, { poolSize: 1 });
    try {
      const admins = await restored.db.selectFrom('admin_users').select('email').execute();
      assert.deepEqual(admins, [{ email: 'owner@example.com' }]);
    } finally {
      await restored.close();
    }
  } finally {
    await source.close();
    await target.drop();
  }
});
