import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { createEmptyPostgresDatabase, testDialect } from '../testing/database.js';
import { type Database, migrateToLatest, openDatabase } from './database.js';
import { migrationProvider } from './migrations/index.js';

test('three instances starting together on a fresh PostgreSQL database: all succeed, each migration applied once', {
  skip:
    testDialect !== 'postgres' && 'PostgreSQL only: several instances are a PostgreSQL set-up; SQLite is one process',
}, async () => {
  const empty = await createEmptyPostgresDatabase();
  const pools: Database[] = [];
  try {
    // One connection pool per instance, as separate processes have.
    for (let i = 0; i < 3; i++) pools.push(await openDatabase(empty.url, { poolSize: 3 }));
    const applied = await Promise.all(pools.map((p) => migrateToLatest(p.db)));

    const all = Object.keys(await migrationProvider.getMigrations()).sort();
    assert.deepEqual(
      applied.map((a) => a.length).sort((a, b) => a - b),
      [0, 0, all.length],
      'one instance applied every migration; the others waited and found none left',
    );
    assert.deepEqual([...applied.flat()].sort(), all);
    const { rows } = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(pools[0]!.db);
    assert.deepEqual(
      rows.map((r) => r.name),
      all,
      'each migration recorded once',
    );
    // A later start (an update rolled out to one instance after another) finds nothing to do.
    assert.deepEqual(await migrateToLatest(pools[1]!.db), []);
  } finally {
    for (const p of pools) await p.close();
    await empty.drop();
  }
});
