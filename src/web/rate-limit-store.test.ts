import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildApp } from '../app.js';
import { openDatabase } from '../db/database.js';
import { buildTestApp } from '../testing/app.js';
import { createTestDatabase, testDialect } from '../testing/database.js';
import { countHit, databaseRateLimitStore, rateLimitStoreFor, readHits, sweepHits } from './rate-limit-store.js';

const MINUTE = 60_000;

test('a window counts up, then starts again at 1 once it has ended; reading does not count', async () => {
  const database = await createTestDatabase();
  try {
    const { db } = database;
    const t0 = 1_800_000_000_000;
    assert.deepEqual(await countHit(db, 'POST/x-1.2.3.4', MINUTE, t0), { current: 1, ttl: MINUTE });
    assert.deepEqual(await countHit(db, 'POST/x-1.2.3.4', MINUTE, t0 + 1000), { current: 2, ttl: MINUTE - 1000 });
    assert.deepEqual(await readHits(db, 'POST/x-1.2.3.4', t0 + 2000), { current: 2, ttl: MINUTE - 2000 });
    assert.deepEqual(await countHit(db, 'POST/x-5.6.7.8', MINUTE, t0 + 1000), { current: 1, ttl: MINUTE });
    // The window ended: a fresh one begins with this request.
    assert.deepEqual(await countHit(db, 'POST/x-1.2.3.4', MINUTE, t0 + MINUTE), { current: 1, ttl: MINUTE });
    assert.deepEqual(await readHits(db, 'POST/x-5.6.7.8', t0 + MINUTE + 1000), { current: 0, ttl: 0 });
    assert.equal(await sweepHits(db, t0 + MINUTE + 1000), 1, 'only the ended window is deleted');
    assert.deepEqual(await readHits(db, 'POST/x-1.2.3.4', t0 + MINUTE + 1000), { current: 1, ttl: MINUTE - 1000 });
  } finally {
    await database.close();
  }
});

test('concurrent requests from one client get every count once (the upsert is atomic)', async () => {
  const database = await createTestDatabase();
  try {
    const now = Date.now();
    const results = await Promise.all(
      Array.from({ length: 40 }, () => countHit(database.db, 'GET/y-9.9.9.9', MINUTE, now)),
    );
    assert.deepEqual(
      results.map((r) => r.current).sort((a, b) => a - b),
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
  } finally {
    await database.close();
  }
});

test('the store answers the plugin by callback and keeps each route apart', async () => {
  const database = await createTestDatabase();
  try {
    const Store = databaseRateLimitStore(database.db);
    const root = new Store({});
    const login = root.child({ routeInfo: { method: 'POST', url: '/admin/login' } } as never);
    const reset = root.child({ routeInfo: { method: 'POST', url: '/admin/password-reset' } } as never);
    const incr = (store: typeof login) =>
      new Promise<{ current: number; ttl: number } | undefined>((resolve, reject) =>
        store.incr('10.0.0.1', (err, r) => (err ? reject(err) : resolve(r)), MINUTE, 10),
      );
    assert.equal((await incr(login))?.current, 1);
    assert.equal((await incr(login))?.current, 2);
    assert.equal((await incr(reset))?.current, 1, 'another route counts on its own');
    const keys = await database.db.selectFrom('rate_limit_hits').select('key').orderBy('key').execute();
    assert.deepEqual(
      keys.map((k) => k.key),
      ['POST/admin/login-10.0.0.1', 'POST/admin/password-reset-10.0.0.1'],
    );
  } finally {
    await database.close();
  }
});

test('on PostgreSQL the app counts in the database; on SQLite in memory', async () => {
  const database = await createTestDatabase();
  try {
    assert.equal(rateLimitStoreFor(database) !== undefined, testDialect === 'postgres');
  } finally {
    await database.close();
  }
});

test('two app instances on one PostgreSQL database share a limit: the 11th login attempt a minute is refused, whichever instance gets it', {
  skip:
    testDialect !== 'postgres' &&
    'PostgreSQL only: several instances are a PostgreSQL set-up; on SQLite the one process counts in memory',
}, async () => {
  const first = await buildTestApp();
  const pool = await openDatabase(first.database.url, { poolSize: 3 });
  const second = await buildApp({ ...first.services, database: pool });
  try {
    await second.ready();
    const instances = [first.app, second];
    const statuses: number[] = [];
    for (let n = 0; n < 11; n++) {
      const res = await instances[n % 2]!.inject({
        method: 'POST',
        url: '/admin/login',
        payload: 'email=a%40example.com&password=x',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      statuses.push(res.statusCode);
    }
    assert.equal(
      statuses.filter((s) => s === 429).length,
      1,
      `10 attempts pass the limit, the 11th is refused: ${statuses}`,
    );
    assert.equal(statuses.at(-1), 429);
    const row = await first.database.db.selectFrom('rate_limit_hits').selectAll().executeTakeFirstOrThrow();
    assert.equal(row.hits, 11);
    assert.match(row.key, /^POST\/admin\/login-/);
  } finally {
    await second.close();
    await pool.close();
    await first.close();
  }
});
