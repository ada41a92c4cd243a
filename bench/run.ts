// `npm run bench`: how fast Vielfach serves, starts, sells and runs jobs on
// this machine, next to a bare Fastify route measured in the same run.
// Everything stays on 127.0.0.1; the whole run is bounded to a few minutes.
//
// Settings: BENCH_DURATION (seconds per load test, default 10), BENCH_CONNECTIONS
// (default 50), BENCH_PG_URL (default postgres://root@127.0.0.1:5432/test),
// BENCH_ORDER_SECONDS (default 30), BENCH_DOWNLOAD_SECONDS (default 20),
// BENCH_DOWNLOAD_GIB (size of the streamed file, default 1); BENCH_SPIKE_BUYERS, BENCH_SPIKE_SECONDS (launch-spike).

import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { benchAnalytics } from './analytics.js';
import { benchImports } from './imports.js';
import { benchJobsPostgres, benchJobsSqlite } from './jobs.js';
import { benchLaunchSpike } from './launch-spike.js';
import {
  CONNECTIONS,
  cleanUp,
  DURATION,
  LOAD_TOOL,
  type Load,
  load,
  loadRow,
  printTable,
  record,
  rows,
  rssMb,
  startBareFastify,
  startVielfach,
  stopProcess,
  tempDir,
  validateRequest,
} from './lib.js';
import { benchNewsletter } from './newsletter.js';
import { benchPages } from './pages.js';
import { benchPodcast } from './podcast.js';
import { benchDownloads, benchOrders, benchProductPage } from './selling.js';
import { seedLargeDownload, seedLicenseKey, setUpOverHttp } from './store.js';
import { benchVideoSegments } from './video-segments.js';

/**
 * Licence validation (issue goal: at least half the bare route's rate on
 * SQLite). Validate runs between two measurements of the bare route, and the
 * ratio takes the faster one, so a moment of load on a shared machine cannot
 * flatter it.
 */
async function benchValidate(base: string, licenseKey: string, bareUrl: string, bare: Load, healthz: Load) {
  const { url, post } = await validateRequest(base, licenseKey);
  const validate = await load(url, post);
  const row = loadRow('POST /api/v1/licenses/validate (200 answers)', validate, bare.rps);
  record({ ...row, note: `${row.note}, ${Math.round((validate.rps / healthz.rps) * 100)} % of /healthz` });
  const bareAgain = await load(bareUrl);
  record(loadRow('bare Fastify JSON route, again after validate', bareAgain, bare.rps));
  const ratio = validate.rps / Math.max(bare.rps, bareAgain.rps);
  record({
    measure: 'licence validate / bare route (the faster bare run)',
    value: ratio,
    unit: '×',
    note: `goal ≥ 0.5 on SQLite: ${ratio >= 0.5 ? 'met' : 'NOT met'} in this run`,
  });
}

const RESULTS = join(import.meta.dirname, 'results', 'latest.json');
const HARD_LIMIT_MS = 720_000;
const DOWNLOAD_GIB = Number(process.env.BENCH_DOWNLOAD_GIB ?? 1);

/** Buying end to end on a fresh store: the product page, then checkout + test payment + fulfilment per second. */
async function benchOrderPath(): Promise<void> {
  console.log('Order path (fresh SQLite store, test payments)');
  const dataDir = tempDir('vf-bench-orders-');
  const setup = await startVielfach(dataDir, { env: { LOG_LEVEL: 'info' } }); // the set-up link is an info line
  await setUpOverHttp(`http://127.0.0.1:${setup.port}`, setup.output());
  await stopProcess(setup.child);
  const app = await startVielfach(dataDir);
  const base = `http://127.0.0.1:${app.port}`;
  const bare = await startBareFastify();
  const bareLoad = await load(`http://127.0.0.1:${bare.port}/`);
  record(loadRow('bare Fastify JSON route', bareLoad, undefined));
  await stopProcess(bare.child);
  await benchOrders(base, dataDir);
  await stopProcess(app.child);
  await benchJobsSqlite();
}

async function main(): Promise<void> {
  const started = performance.now();
  // `npm run bench -- newsletter`: only the newsletter send (results are printed, latest.json is kept).
  if (process.argv.includes('newsletter')) {
    console.log('Newsletter (100,000 members, SMTP receiver in its own process)');
    for (const row of await benchNewsletter()) rows.push(row);
    printTable((performance.now() - started) / 1000);
    return;
  }
  console.log(
    `Vielfach bench: ${cpus().length} cores, Node ${process.version}, ${LOAD_TOOL}, ${DURATION} s per load test, ${CONNECTIONS} connections\n`,
  );
  // `npm run bench -- pages`: only the public pages, start-up and memory (issue 16's table).
  if (process.argv.includes('pages')) {
    console.log('Public pages, start-up and memory (demo store as npm start runs it)');
    await benchPages();
    printTable((performance.now() - started) / 1000);
    return;
  }

  // `npm run bench -- video`: course video segments to 200 clients, RSS before/during/after.
  if (process.argv.includes('video')) {
    console.log('Course video segments (encrypted HLS, access re-checked per request)');
    await benchVideoSegments();
    printTable((performance.now() - started) / 1000);
    return;
  }

  // `npm run bench -- podcast`: episode ranges (RSS flat) and 1,000 private feeds polled, next to the bare route.
  if (process.argv.includes('podcast')) {
    console.log('Podcasts (random 1 MiB ranges of a 200 MB episode; 1,000 private feeds polled)');
    await benchPodcast();
    printTable((performance.now() - started) / 1000);
    return;
  }

  // `npm run bench -- launch-spike`: 3 instances + 2 workers on PostgreSQL, 500 buyers in a minute, one instance killed.
  if (process.argv.includes('launch-spike')) {
    console.log('Launch spike (PostgreSQL, 3 app instances and 2 workers behind a balancer, test payments)');
    await benchLaunchSpike();
    printTable((performance.now() - started) / 1000);
    return;
  }

  // `npm run bench -- imports`: a 100,000-line Gumroad export, dry run and import through the job path (SQLite).
  if (process.argv.includes('imports')) {
    console.log('Imports (100,000-line Gumroad sales export, SQLite)');
    for (const row of await benchImports()) rows.push(row);
    printTable((performance.now() - started) / 1000);
    return;
  }

  // `npm run bench -- orders`: the order path only (checkout, payment, fulfilment), next to the bare route.
  if (process.argv.includes('orders')) {
    await benchOrderPath();
    printTable((performance.now() - started) / 1000);
    return;
  }

  console.log('Start-up (vielfach start, fresh SQLite data folder)');
  const dataDir = tempDir('vf-bench-data-');
  const cold = await startVielfach(dataDir);
  record({ measure: 'start-up to first 200, first start', value: cold.startupMs, unit: 'ms', note: 'migrations run' });
  await sleep(3000);
  record({ measure: 'idle RSS after start', value: rssMb(cold.child.pid), unit: 'MB', note: 'VmRSS, 3 s after start' });
  await setUpOverHttp(`http://127.0.0.1:${cold.port}`, cold.output());
  await stopProcess(cold.child);
  const licenseKey = await seedLicenseKey(dataDir);
  const bigFile = await seedLargeDownload(dataDir, DOWNLOAD_GIB * 2 ** 30);

  const app = await startVielfach(dataDir);
  record({ measure: 'start-up to first 200, restart', value: app.startupMs, unit: 'ms', note: 'store set up' });

  console.log('\nPublic pages, start-up and memory (demo store as npm start runs it)');
  await benchPages();

  console.log(`\nHTTP (${LOAD_TOOL}, each server in its own process)`);
  const bare = await startBareFastify();
  const bareUrl = `http://127.0.0.1:${bare.port}/`;
  const bareLoad = await load(bareUrl);
  record(loadRow('bare Fastify JSON route', bareLoad, undefined));
  const base = `http://127.0.0.1:${app.port}`;
  const healthz = await load(`${base}/healthz`);
  record(loadRow('GET /healthz (SELECT 1)', healthz, bareLoad.rps));
  record(loadRow('GET / store home (rendered)', await load(`${base}/`), bareLoad.rps));
  record(await benchProductPage(base, bareLoad.rps));
  record(loadRow('GET /admin/login (rendered, CSRF)', await load(`${base}/admin/login`), bareLoad.rps));
  await benchValidate(base, licenseKey, bareUrl, bareLoad, healthz);
  await stopProcess(bare.child);
  await sleep(2000);
  record({ measure: 'RSS after the load tests', value: rssMb(app.child.pid), unit: 'MB', note: 'VmRSS' });

  console.log('\nSelling (HTTP from this process to the store)');
  await benchDownloads(base, bigFile, DOWNLOAD_GIB * 2 ** 30, app.child.pid);
  await benchOrders(base, dataDir);
  await stopProcess(app.child);

  console.log('\nJobs (no-op handler, Worker from src/jobs/worker.ts)');
  await benchJobsSqlite();
  await benchJobsPostgres();

  console.log('\nLeverage analytics (generated orders; the dashboard data function over daily aggregates)');
  for (const row of await benchAnalytics()) rows.push(row);

  console.log('\nNewsletter (100,000 members, every message over SMTP to a receiver on 127.0.0.1)');
  for (const row of await benchNewsletter()) rows.push(row);

  const seconds = (performance.now() - started) / 1000;
  printTable(seconds);
  mkdirSync(join(RESULTS, '..'), { recursive: true });
  writeFileSync(
    RESULTS,
    `${JSON.stringify(
      {
        takenAt: new Date().toISOString(),
        node: process.version,
        cores: cpus().length,
        cpu: cpus()[0]?.model,
        settings: { durationSeconds: DURATION, connections: CONNECTIONS, loadTool: LOAD_TOOL },
        runSeconds: Math.round(seconds),
        results: rows,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`\nWritten to ${join('bench', 'results', 'latest.json')}`);
}

const watchdog = setTimeout(() => {
  console.error(`\nBench stopped: it ran longer than ${HARD_LIMIT_MS / 1000} s.`);
  cleanUp();
  process.exit(1);
}, HARD_LIMIT_MS);
watchdog.unref();

main().then(
  () => {
    cleanUp();
    process.exit(0);
  },
  (err: unknown) => {
    console.error('\nBench failed:', err);
    cleanUp();
    process.exit(1);
  },
);
