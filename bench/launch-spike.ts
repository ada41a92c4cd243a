// `npm run bench -- launch-spike`: a launch on one PostgreSQL database. Three app instances
// (WORKER=0) and two worker processes behind a small load balancer; 500 buyers check out with
// the test provider within a minute; one instance is killed (SIGKILL) half-way. Then the
// database is asked whether anything was lost or done twice.
//
// Settings: BENCH_PG_URL (the server; a database vielfach_spike_<pid> is made and dropped),
// BENCH_SPIKE_BUYERS (default 500), BENCH_SPIKE_SECONDS (default 60).

import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { type Balancer, startBalancer } from './balancer.js';
import { type Buyer, buyOnce, percentile } from './buyer.js';
import {
  adminQuery,
  cleanUp,
  ensureBuilt,
  freePort,
  PG_URL,
  record,
  type Server,
  startProcess,
  startVielfach,
  stopProcess,
  tempDir,
} from './lib.js';
import { productPath } from './selling.js';
import { spikeFigures } from './spike-figures.js';

const BUYERS = Number(process.env.BENCH_SPIKE_BUYERS ?? 500);
const SECONDS = Number(process.env.BENCH_SPIKE_SECONDS ?? 60);
const INSTANCES = 3;
const WORKERS = 2;
const HARD_LIMIT_MS = 240_000;
/** Time kept at the end of the hard limit for the figures and stopping everything. */
const CLEANUP_MS = 20_000;

export async function benchLaunchSpike(): Promise<void> {
  ensureBuilt();
  const name = `vielfach_spike_${process.pid}`;
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const started = performance.now();
  const procs: Server[] = [];
  let balancer: Balancer | undefined;
  const abort = setTimeout(() => {
    console.error(`\nLaunch spike stopped: it ran longer than ${HARD_LIMIT_MS / 1000} s.`);
    cleanUp(); // every child process and temporary folder
    adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).finally(() => process.exit(1));
  }, HARD_LIMIT_MS);
  await adminQuery(`CREATE DATABASE ${name}`);
  try {
    const dataDir = tempDir('vf-spike-');
    const balancerPort = await freePort();
    const env = {
      PUBLIC_URL: `http://127.0.0.1:${balancerPort}`, // what buyers see: links and redirects go through the balancer
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir, // shared, as a network folder or object storage would be
      SESSION_SECRET: randomBytes(32).toString('hex'),
      SECRETS_KEY: randomBytes(32).toString('hex'),
      WORKER: '0',
      TRUST_PROXY: '1', // each buyer's address comes in X-Forwarded-For, so limits count per buyer
      CHECKOUT_RATE_PER_MINUTE: '30',
      LOG_LEVEL: 'warn',
      EXCHANGE_RATES_FETCH: 'off',
    };
    await migrateTogether(env);

    // The first instance makes the demo store; the others start on it, with the workers.
    const first = await startVielfach(dataDir, { demo: true, env });
    procs.push(first);
    const rest = await Promise.all(
      Array.from({ length: INSTANCES - 1 }, () => startVielfach(dataDir, { env: { ...env, VIELFACH_DEMO: '0' } })),
    );
    procs.push(...rest);
    for (let i = 0; i < WORKERS; i++) {
      procs.push(startProcess(['dist/cli.js', 'worker'], env, ['--enable-source-maps']));
    }
    const instances = procs.slice(0, INSTANCES);
    balancer = await startBalancer(
      instances.map((p) => p.port),
      balancerPort,
    );
    const path = await productPath(balancer.url);

    console.log(
      `  ${BUYERS} buyers over ${SECONDS} s through ${balancer.url}; instance 2 is killed at ${SECONDS / 2} s`,
    );
    const t0 = performance.now();
    const victim = instances[1]!;
    const kill = sleep((SECONDS / 2) * 1000).then(() => {
      victim.child.kill('SIGKILL');
      return performance.now() - t0;
    });
    const buyers: Promise<Buyer>[] = [];
    for (let n = 0; n < BUYERS; n++) {
      const due = t0 + (n * SECONDS * 1000) / BUYERS;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      buyers.push(buyOnce(balancer.url, path, n));
    }
    const results = await Promise.all(buyers);
    const buyingSeconds = (performance.now() - t0) / 1000;
    const killedAt = await kill;

    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const drainMs = await drain(client, results.filter((r) => r.paid).length, started + HARD_LIMIT_MS - CLEANUP_MS);
      const figures = await spikeFigures(client);
      report(results, figures, { buyingSeconds, drainMs, killedAt, balancer });
    } finally {
      await client.end();
    }
  } finally {
    clearTimeout(abort);
    await balancer?.close();
    await Promise.all(procs.map((p) => stopProcess(p.child)));
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

/** Three `vielfach migrate` at once on the empty database: one applies, the others wait and find nothing. */
async function migrateTogether(env: Record<string, string>): Promise<void> {
  const runs = Array.from({ length: INSTANCES }, () =>
    startProcess(['dist/cli.js', 'migrate'], env, ['--enable-source-maps']),
  );
  const codes = await Promise.all(runs.map((r) => r.exited));
  const applied = runs.filter((r) => /Applied:/.test(r.output())).length;
  if (codes.some((c) => c !== 0)) throw new Error(`migrate failed:\n${runs.map((r) => r.output()).join('\n')}`);
  record({
    measure: `${INSTANCES} × vielfach migrate at once, fresh database`,
    value: applied,
    unit: 'applied them',
    note: 'the others waited on the advisory lock and found the database up to date',
  });
}

/** Waits until every paid order is delivered and no job is due, or the deadline (performance.now()) came. */
async function drain(client: pg.Client, paidByBuyers: number, deadline: number): Promise<number> {
  const t0 = performance.now();
  while (performance.now() < deadline) {
    const { rows } = await client.query<{ due: number; delivered: number }>(
      `SELECT (SELECT count(*)::int FROM jobs WHERE status IN ('pending', 'running') AND run_at <= $1) AS due,
              (SELECT count(DISTINCT o.id)::int FROM orders o JOIN order_items i ON i.order_id = o.id
                 JOIN deliveries d ON d.order_item_id = i.id WHERE o.email LIKE 'spike-%') AS delivered`,
      [new Date().toISOString()],
    );
    if (rows[0]!.due === 0 && rows[0]!.delivered >= paidByBuyers) break;
    await sleep(250);
  }
  return performance.now() - t0;
}

function report(
  results: Buyer[],
  f: Awaited<ReturnType<typeof spikeFigures>>,
  run: { buyingSeconds: number; drainMs: number; killedAt: number; balancer: Balancer },
): void {
  const latencies = results.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const paid = results.filter((r) => r.paid).length;
  const retried = results.filter((r) => r.retries > 0).length;
  const appErrors = results.reduce((s, r) => s + r.appErrors, 0);
  const failedBuyers = results.filter((r) => !r.paid);
  record({
    measure: 'buyers who paid and saw their order',
    value: paid,
    unit: `of ${results.length}`,
    note: `${(paid / run.buyingSeconds).toFixed(1)}/s over ${run.buyingSeconds.toFixed(1)} s${
      failedBuyers.length
        ? `; ${failedBuyers.length} failed, e.g. ${failedBuyers
            .slice(0, 3)
            .map((b) => b.error)
            .join('; ')}`
        : ''
    }`,
  });
  record({
    measure: 'request latency through the balancer',
    value: percentile(latencies, 0.99),
    unit: 'ms p99',
    note: `p50 ${percentile(latencies, 0.5).toFixed(0)} ms, p95 ${percentile(latencies, 0.95).toFixed(0)} ms, ${latencies.length} requests, max ${(latencies.at(-1) ?? 0).toFixed(0)} ms; load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores`,
  });
  record({ measure: 'answers ≥ 500 from the app', value: appErrors, unit: 'responses', note: 'goal 0' });
  record({
    measure: 'requests caught by the kill',
    value: run.balancer.stats.failed,
    unit: '502 by balancer',
    note: `instance killed at ${(run.killedAt / 1000).toFixed(1)} s; ${retried} buyers pressed again (POST); the balancer re-sent ${run.balancer.stats.retried} GETs; answered per instance ${run.balancer.stats.byInstance.join('/')}`,
  });
  record({
    measure: 'paid orders delivered exactly once',
    value: f.paidOrders,
    unit: 'paid orders',
    note: `${f.undelivered} undelivered, ${f.deliveredTwice} delivered twice, ${f.paidTwice} buyers paid twice; buyers' count ${paid}; ${f.unpaidLeft} unpaid orders left (a checkout pressed again)`,
  });
  record({
    measure: 'receipts sent exactly once',
    value: f.receiptsOnce,
    unit: 'orders',
    note: `${f.receiptsMissing} without, ${f.receiptsTwice} with two or more; emails not sent: ${f.emailsUnsent}`,
  });
  record({
    measure: 'queue drained after the last buyer',
    value: run.drainMs / 1000,
    unit: 's',
    note: `${f.doneJobs} jobs done by ${WORKERS} workers, ${f.deadJobs} dead, ${f.dueJobs} still due`,
  });
}
