import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { migrateToLatest, openDatabase } from './db/database.js';
import { tempDir } from './testing/database.js';

const root = join(import.meta.dirname, '..');

function cli(args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
    timeout: 150_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

// Each step starts a real process that loads the app through tsx: seconds each, more on a busy machine.
describe('command line', { timeout: 400_000 }, () => {
  test('a wrong setting: one line naming the variable, exit code 1', () => {
    const r = cli(['migrate'], { PORT: 'abc' });
    assert.equal(r.code, 1);
    assert.equal(r.err.trim().split('\n').length, 1);
    assert.match(r.err, /^Invalid setting PORT="abc"/);
  });

  test('a database that cannot be opened: clear message, no half-created files', () => {
    const dir = tempDir();
    const notADb = join(dir, 'garbage.db');
    writeFileSync(notADb, 'this is not a database file, just text '.repeat(50));
    const r = cli(['migrate'], { DATABASE_URL: `sqlite:${notADb}` });
    assert.equal(r.code, 1);
    assert.match(r.err, /Cannot open SQLite database .*garbage\.db/);

    const blocker = join(dir, 'blocker');
    writeFileSync(blocker, 'a file where a folder should be');
    const r2 = cli(['migrate'], { DATABASE_URL: `sqlite:${join(blocker, 'sub', 'vielfach.db')}` });
    assert.equal(r2.code, 1);
    assert.match(r2.err, /Cannot open SQLite database/);
    assert.deepEqual(readdirSync(dir).sort(), ['blocker', 'garbage.db']);

    const r3 = cli(['migrate'], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    assert.equal(r3.code, 1);
    assert.match(r3.err, /Cannot connect to PostgreSQL postgres:\/\/nobody@127\.0\.0\.1:1\/none/);
  });

  test('migrate, create-admin, reset it, and back up the SQLite file', async () => {
    const dir = tempDir();
    const env = { DATA_DIR: dir };
    assert.match(cli(['migrate'], env).out, /Applied: 0001-foundation/);
    assert.match(cli(['migrate'], env).out, /up to date/);
    const created = cli(['create-admin', '--email', 'Boss@Example.com', '--password', 'long enough password'], env);
    assert.equal(created.code, 0, created.err);
    assert.match(created.out, /Created admin/);
    const reset = cli(['create-admin', '--email', 'boss@example.com'], env);
    assert.match(reset.out, /Reset admin boss@example\.com with password: \S{16}/);
    const weak = cli(['create-admin', '--email', 'x@example.com', '--password', 'short'], env);
    assert.equal(weak.code, 1);

    const target = join(dir, 'copy.db');
    const backup = cli(['backup', '--to', target], env);
    assert.equal(backup.code, 0, backup.err);
    assert.ok(existsSync(target));
    const copy = await openDatabase(`sqlite:${target}`);
    try {
      assert.deepEqual(await migrateToLatest(copy.db), []);
      const admins = await copy.db.selectFrom('admin_users').select('email').execute();
      assert.deepEqual(admins, [{ email: 'boss@example.com' }]);
    } finally {
      await copy.close();
    }
  });

  test('an unknown command explains the usage', () => {
    const r = cli(['frobnicate'], {});
    assert.equal(r.code, 1);
    assert.match(r.err, /Unknown command "frobnicate"/);
    assert.match(r.err, /create-admin/);
  });
});
