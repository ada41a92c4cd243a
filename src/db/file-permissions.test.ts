// A store started on a fresh data folder keeps everything in it to its own
// user: the database (and its -wal/-shm files), uploads, keys and backups.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { secretsKeyOf } from '../features/payments/secret-box.js';
import { createServices } from '../server.js';
import { setUpStore } from '../testing/app.js';
import { tempDir } from '../testing/database.js';
import { httpRequest, listenLocal } from '../testing/http.js';
import { openDatabase } from './database.js';

const root = join(import.meta.dirname, '..', '..');

/** Every file and folder under `dir` whose mode lets group or others in. */
function openToOthers(dir: string): string[] {
  const found: string[] = [];
  const visit = (p: string) => {
    const st = statSync(p);
    if (st.mode & 0o077) found.push(`${p} ${(st.mode & 0o777).toString(8)}`);
    if (st.isDirectory()) for (const name of readdirSync(p)) visit(join(p, name));
  };
  visit(dir);
  return found;
}

describe('data files are readable by their owner only', () => {
  let previousUmask: number;
  before(() => {
    // The usual umask: without explicit modes, new files would be readable by everyone.
    previousUmask = process.umask(0o022);
  });
  after(() => {
    process.umask(previousUmask);
  });

  test('a fresh start: database, -wal/-shm, uploads, keys and a backup are owner-only', async () => {
    const dataDir = join(tempDir('vf-perm-'), 'data');
    const services = await createServices(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }));
    const app = await buildApp(services);
    try {
      const base = await listenLocal(app);
      assert.equal((await httpRequest(base, '/healthz')).status, 200);
      await setUpStore(services);
      await services.storage.put(Readable.from([Buffer.from('a customer’s download')]), { prefix: 'files' });
      secretsKeyOf(services.config);

      const backup = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'backup'], {
        cwd: root,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'silent', DATA_DIR: dataDir },
        encoding: 'utf8',
        timeout: 150_000,
      });
      assert.equal(backup.status, 0, backup.stderr);

      const names = readdirSync(dataDir).sort();
      for (const want of ['vielfach.db', 'vielfach.db-wal', 'vielfach.db-shm', 'secret.key', 'files', 'backups']) {
        assert.ok(names.includes(want), `${want} is there (${names.join(', ')})`);
      }
      assert.equal(readdirSync(join(dataDir, 'backups')).length, 1);
      assert.deepEqual(openToOthers(dataDir), []);
    } finally {
      await app.close();
      services.mailer.close();
      await services.database.close();
    }
  });

  test('a database file left readable by an older version is restricted when opened', async () => {
    const file = join(tempDir('vf-perm-'), 'old.db');
    const first = await openDatabase(`sqlite:${file}`);
    await first.close();
    chmodSync(file, 0o644);
    const again = await openDatabase(`sqlite:${file}`);
    await again.close();
    assert.equal(statSync(file).mode & 0o777, 0o600);
  });
});
