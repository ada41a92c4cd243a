// Product views are counted in memory and written in batches: a view costs no write,
// and a graceful stop writes every view that was answered — the stored counts equal
// what was viewed, over real HTTP.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import pino from 'pino';
import type { DB } from '../../db/schema.js';
import { buildTestApp, setUpStore, type TestApp } from '../../testing/app.js';
import { httpRequest, listenLocal } from '../../testing/http.js';
import { seedProduct } from './testing.js';
import { VisitCounter } from './visit-counter.js';

const UA = 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0';

async function storedViews(db: Kysely<DB>, productId: string) {
  const views = await db.selectFrom('daily_views').selectAll().where('product_id', '=', productId).execute();
  const seen = await db.selectFrom('analytics_seen').select('visitor').where('product_id', '=', productId).execute();
  return { visitors: views.reduce((n, r) => n + Number(r.visitors), 0), rows: views, seen: seen.length };
}

async function storeWithProduct(): Promise<{ t: TestApp; base: string; slug: string; productId: string }> {
  const t = await buildTestApp();
  await setUpStore(t.services);
  const { db } = t.services.database;
  const productId = await seedProduct(db, { title: 'Counted Course' });
  const { slug } = await db.selectFrom('products').select('slug').where('id', '=', productId).executeTakeFirstOrThrow();
  return { t, base: await listenLocal(t.app), slug, productId };
}

describe('product views counted in memory', () => {
  test('views write nothing while the store runs; a graceful stop stores exactly the visitors seen', async () => {
    const { t, base, slug, productId } = await storeWithProduct();
    const { db } = t.services.database;
    try {
      const view = (n: number, query = '') =>
        httpRequest(base, `/p/${slug}${query}`, { headers: { 'user-agent': `${UA} visitor-${n}` } });
      // 30 visitors, each three times; a third of them from a newsletter campaign.
      for (let round = 0; round < 3; round++) {
        for (let n = 0; n < 30; n++) {
          const r = await view(n, n % 3 === 0 ? '?utm_source=letter&utm_campaign=may' : '');
          assert.equal(r.status, 200);
        }
      }
      assert.equal((await httpRequest(base, `/p/${slug}`, { headers: { 'user-agent': 'Googlebot/2.1' } })).status, 200);
      assert.deepEqual(await storedViews(db, productId), { visitors: 0, rows: [], seen: 0 }, 'no write per view');
      await t.app.close();
      const stored = await storedViews(db, productId);
      assert.equal(stored.visitors, 30);
      assert.equal(stored.seen, 30);
      assert.deepEqual(stored.rows.map((r) => [r.referrer, r.campaign, Number(r.visitors)]).sort(), [
        ['', '', 20],
        ['letter', 'may', 10],
      ]);
    } finally {
      await t.close();
    }
  });

  test('views answered while the store shuts down are stored too', async () => {
    const { t, base, slug, productId } = await storeWithProduct();
    try {
      const requests = Array.from({ length: 40 }, (_, n) =>
        httpRequest(base, `/p/${slug}`, { headers: { 'user-agent': `${UA} late-${n}`, connection: 'close' } }).catch(
          () => undefined,
        ),
      );
      await Promise.race(requests); // the store is answering: now it is asked to stop
      await t.app.close();
      const answered = (await Promise.all(requests)).filter((r) => r?.status === 200).length;
      assert.ok(answered > 0, 'some views were answered');
      assert.equal((await storedViews(t.services.database.db, productId)).visitors, answered);
    } finally {
      await t.close();
    }
  });

  test('the counter writes a batch after its interval, and a visitor the database knows is not counted twice', async () => {
    const t = await buildTestApp();
    try {
      const { db } = t.services.database;
      const productId = await seedProduct(db);
      const log = pino({ level: 'silent' });
      const counter = new VisitCounter(db, log, { flushMs: 30, maxPending: 1000, maxSeen: 1000 });
      const day = '2026-05-04';
      const sighting = (visitor: string) => ({ day, visitor, productId, referrer: '', campaign: '' });
      for (const v of ['a', 'b', 'c', 'a', 'b']) counter.add(sighting(v));
      assert.equal(counter.pending, 3);
      assert.equal((await storedViews(db, productId)).visitors, 0);
      await sleep(200);
      assert.equal(counter.pending, 0);
      assert.equal((await storedViews(db, productId)).visitors, 3);
      // Another process (a second counter) sees 'a' again and 'd' for the first time.
      const other = new VisitCounter(db, log, { flushMs: 60_000, maxPending: 2, maxSeen: 1000 });
      other.add(sighting('a'));
      other.add(sighting('d')); // the second one fills the batch: written at once
      await other.flush();
      assert.equal((await storedViews(db, productId)).visitors, 4);
    } finally {
      await t.close();
    }
  });
});
