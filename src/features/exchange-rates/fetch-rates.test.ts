import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, test } from 'node:test';
import { isoNow } from '../../db/time.js';
import { enqueueJob } from '../../jobs/queue.js';
import { buildTestApp, setUpStore, type TestApp } from '../../testing/app.js';
import { rateFetchWanted, scheduleRateFetch, startRateFetching } from './fetch-rates.job.js';
import { fetchRatesJob } from './job-contracts.js';
import { sample } from './testing.js';

/** A stand-in for the ECB on 127.0.0.1: answers each request with the next of `answers`, then the last. */
async function ecbStandIn(
  answers: { status: number; body: string }[],
): Promise<{ url: string; hits: () => number; server: Server }> {
  let hits = 0;
  const server = createServer((_req, res) => {
    const a = answers[Math.min(hits, answers.length - 1)] ?? { status: 500, body: '' };
    hits += 1;
    res.writeHead(a.status, { 'content-type': 'text/xml' }).end(a.body);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/stats/eurofxref/eurofxref-daily.xml`, hits: () => hits, server };
}

/**
 * Runs are for days in the future, so that the next day's run the job schedules is never due while a
 * test drains the queue; the stand-in serves the sample file dated that day.
 */
const DAY = '2030-09-30';
const NEXT = '2030-10-01';
const dailyFile = (day = DAY) => sample('eurofxref-daily.xml').replace("time='2026-09-30'", `time='${day}'`);

describe('daily fetch of the ECB rates', () => {
  let t: TestApp | undefined;
  let server: Server | undefined;
  afterEach(async () => {
    await t?.close();
    server?.close();
  });
  const rateCount = async (app: TestApp) =>
    Number(
      (
        await app.services.database.db
          .selectFrom('exchange_rates')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const jobOf = (app: TestApp, key: string) =>
    app.services.database.db.selectFrom('jobs').selectAll().where('unique_key', '=', key).executeTakeFirst();
  /** Makes a job that waits for its backoff due now. */
  const dueNow = (app: TestApp, key: string) =>
    app.services.database.db.updateTable('jobs').set({ run_at: isoNow() }).where('unique_key', '=', key).execute();

  test('fails softly and retries, imports once, and schedules the next day', async () => {
    const ecb = await ecbStandIn([
      { status: 503, body: 'Service Unavailable' },
      { status: 200, body: dailyFile() },
    ]);
    server = ecb.server;
    t = await buildTestApp({ env: { EXCHANGE_RATES_URL: ecb.url, EXCHANGE_RATES_FETCH: 'on' } });
    await setUpStore(t.services);
    const { db } = t.services.database;
    const key = `exchange-rates.fetch:${DAY}`;
    await scheduleRateFetch(db, DAY);
    assert.equal(await t.drainJobs(), 0); // at 16:00 UTC of its day
    await dueNow(t, key);
    await t.drainJobs();
    const failed = await jobOf(t, key);
    assert.equal(failed?.status, 'pending'); // retried later, not dead
    assert.match(failed?.last_error ?? '', /HTTP 503/);
    assert.equal(await rateCount(t), 0);
    await dueNow(t, key);
    await t.drainJobs();
    assert.equal((await jobOf(t, key))?.status, 'done');
    assert.equal(await rateCount(t), 29);
    assert.equal(ecb.hits(), 2);
    const usd = await db
      .selectFrom('exchange_rates')
      .selectAll()
      .where('currency', '=', 'USD')
      .executeTakeFirstOrThrow();
    assert.deepEqual([usd.date, usd.rate, usd.source], [DAY, '1.1712', 'fetch']);
    assert.equal((await jobOf(t, `exchange-rates.fetch:${NEXT}`))?.run_at, `${NEXT}T16:00:00.000Z`);
    // The same day again (a rerun after a crash): nothing is added, the job succeeds.
    await enqueueJob(db, fetchRatesJob, { day: DAY }, { uniqueKey: 'rerun' });
    await t.drainJobs();
    assert.equal((await jobOf(t, 'rerun'))?.status, 'done');
    assert.equal(await rateCount(t), 29);
  });

  test('a file that is not the day’s ECB file is not imported and is retried', async () => {
    const ecb = await ecbStandIn([
      { status: 200, body: '<html><body>Maintenance</body></html>' },
      { status: 200, body: dailyFile() },
    ]);
    server = ecb.server;
    t = await buildTestApp({ env: { EXCHANGE_RATES_URL: ecb.url, EXCHANGE_RATES_FETCH: 'on' } });
    await setUpStore(t.services);
    const { db } = t.services.database;
    await enqueueJob(db, fetchRatesJob, { day: DAY }, { uniqueKey: 'maintenance' });
    await t.drainJobs();
    assert.match((await jobOf(t, 'maintenance'))?.last_error ?? '', /not an ECB reference-rate file/);
    assert.equal(await rateCount(t), 0);
    // The ECB file still holds the day before: not published yet, try again later.
    await enqueueJob(db, fetchRatesJob, { day: NEXT }, { uniqueKey: 'next-day' });
    await t.drainJobs();
    const next = await jobOf(t, 'next-day');
    assert.equal(next?.status, 'pending');
    assert.match(next?.last_error ?? '', new RegExp(`still holds ${DAY}`));
    assert.equal(await rateCount(t), 29); // what the file holds is kept meanwhile
  });

  test('weekends and TARGET holidays fetch nothing', async () => {
    const ecb = await ecbStandIn([{ status: 200, body: dailyFile() }]);
    server = ecb.server;
    t = await buildTestApp({ env: { EXCHANGE_RATES_URL: ecb.url, EXCHANGE_RATES_FETCH: 'on' } });
    await setUpStore(t.services);
    await enqueueJob(t.services.database.db, fetchRatesJob, { day: '2030-12-25' }, { uniqueKey: 'christmas' });
    await t.drainJobs();
    assert.equal((await jobOf(t, 'christmas'))?.status, 'done');
    assert.equal(ecb.hits(), 0);
  });

  test('auto fetches only while the store sells in other currencies; off never', async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    const { db } = t.services.database;
    assert.equal(t.services.config.exchangeRatesFetch, 'auto');
    assert.equal(t.services.config.exchangeRatesUrl, 'https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml');
    assert.equal(await rateFetchWanted(db, { exchangeRatesFetch: 'auto' }), false);
    assert.equal(await startRateFetching(db, { exchangeRatesFetch: 'auto' }), false);
    assert.equal(await rateFetchWanted(db, { exchangeRatesFetch: 'on' }), true);
    const now = isoNow();
    await db
      .insertInto('products')
      .values({
        id: 'p-usd',
        slug: 'usd-course',
        title: 'Course',
        pricing: 'fixed',
        currency: 'USD',
        price_minor: 4900,
        created_at: now,
        updated_at: now,
        published_at: now,
        status: 'published',
        cover_key: null,
        suggested_price_minor: null,
      })
      .execute();
    assert.equal(await rateFetchWanted(db, { exchangeRatesFetch: 'auto' }), true);
    assert.equal(await rateFetchWanted(db, { exchangeRatesFetch: 'off' }), false);
    assert.equal(await startRateFetching(db, { exchangeRatesFetch: 'auto' }), true);
    const jobs = await db.selectFrom('jobs').select('unique_key').where('kind', '=', 'exchange-rates.fetch').execute();
    assert.deepEqual(jobs, [{ unique_key: `exchange-rates.fetch:${now.slice(0, 10)}` }]);
  });
});
