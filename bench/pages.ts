// The public pages, start-up and memory of the demo store as `npm start` runs it (compiled,
// log level info), next to a bare Fastify route measured before and after in the same run:
// the figures of issue 16's table (printed at the end as ratios to the bare route), the licence
// validation with rate limits lifted, start-up through tsx as it was and the memory each lazily
// loaded library costs. `npm run bench -- pages` runs only this part.
//
// Page requests carry a browser's headers (bench/lib.ts BROWSER_HEADERS), so product views are
// counted as a visitor's would be.
//
// Settings: BENCH_STARTS (start-ups per runner, default 3), BENCH_CPU_PROF=1 (also profile the
// store home and the product page under load and print the top functions by self time; --cpu-prof).

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  BROWSER_HEADERS,
  format,
  type Load,
  load,
  loadRow,
  ROOT,
  record,
  rssMb,
  type Server,
  type StartOptions,
  startBareFastify,
  startVielfach,
  stopProcess,
  tempDir,
  validateRequest,
} from './lib.js';
import { productPath } from './selling.js';
import { seedLicenseKey } from './store.js';

const STARTS = Number(process.env.BENCH_STARTS ?? 3);
/** What Firefox sends: the product page is also measured as a browser gets it (compressed). */
const GZIP = 'gzip, deflate, br, zstd';

/** Anonymous and file-backed resident memory of a process (MB). */
function rssSplitMb(pid: number | undefined): { anon: number; file: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? Number.NaN);
  return { anon: kb('RssAnon') / 1024, file: kb('RssFile') / 1024 };
}
/** As `npm start` runs it: the default log level. */
const AS_NPM_START: StartOptions = { demo: true, env: { LOG_LEVEL: 'info' } };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/** The figures of the issue's table, gathered while the rows are recorded, printed last. */
type Figures = {
  bareStartMs?: number;
  bareRssMb?: number;
  startMs?: number;
  npmStartMs?: number;
  idleRssMb?: number;
  loadedRssMb?: number;
  bareBefore?: Load;
  bareAfter?: Load;
  pages: [string, Load][];
  validate?: Load;
};
const figures: Figures = { pages: [] };

async function waitForDemo(server: Server): Promise<void> {
  const t0 = performance.now();
  while (!server.output().includes('Demo store ready')) {
    if (performance.now() - t0 > 120_000) throw new Error(`the demo store was not ready:\n${server.output()}`);
    await sleep(50);
  }
}

/** Start-ups to the first 200 and memory after 2 s idle (unless `rss` is false), for one way of starting. */
async function startups(
  label: string,
  start: () => Promise<Server & { startupMs: number }>,
  rss = true,
): Promise<{ ms: number; rss: number }> {
  const ms: number[] = [];
  const mb: number[] = [];
  for (let i = 0; i < STARTS; i++) {
    const s = await start();
    ms.push(s.startupMs);
    if (rss) {
      await sleep(2000);
      mb.push(rssMb(s.child.pid));
    }
    await stopProcess(s.child);
  }
  const note = `median of ${STARTS}; all: ${ms.map((m) => Math.round(m)).join(', ')} ms`;
  record({ measure: `${label}: start to first 200`, value: median(ms), unit: 'ms', note });
  if (rss) {
    const note = `VmRSS, all: ${mb.map((r) => Math.round(r)).join(', ')} MB`;
    record({ measure: `${label}: RSS 2 s after start`, value: median(mb), unit: 'MB', note });
  }
  return { ms: median(ms), rss: median(mb) };
}

/** What the store's idle RSS would be with each lazily loaded library loaded at start (--import), against none. */
async function lazyLibraryMemory(dataDir: string): Promise<void> {
  const idleRss = async (flags: string[]) => {
    const s = await startVielfach(dataDir, { ...AS_NPM_START, nodeFlags: flags });
    await sleep(2000);
    const mb = rssMb(s.child.pid);
    await stopProcess(s.child);
    return mb;
  };
  const none = median([await idleRss([]), await idleRss([])]);
  record({ measure: 'idle RSS, demo store, lazy libraries not loaded', value: none, unit: 'MB', note: 'median of 2' });
  const libs: [string, string][] = [
    ['pdfkit', 'invoices (pdfkit, with fontkit)'],
    ['sharp', 'covers and post images (libvips)'],
    ['stripe', 'Stripe SDK'],
    ['xmlbuilder2', 'e-invoice XML'],
    ['yazl', 'invoice ZIP'],
    ['maxmind', 'GeoIP reader (the .mmdb is read on the first look-up)'],
    ['qrcode', 'TOTP set-up QR code'],
    ['fast-xml-parser', 'ECB XML files'],
    ['nodemailer', 'SMTP only (the outbox needs none)'],
    ['pg', 'PostgreSQL driver (a SQLite store never loads it)'],
    ['@node-rs/argon2', 'password hashing (first login)'],
    ['markdown-it', 'Markdown (the first description or post rendered)'],
    ['sanitize-html', 'HTML allow-list (with htmlparser2, PostCSS, dayjs)'],
    ['otpauth', 'two-factor codes'],
    ['csv-parse', 'member imports, pasted hours, ECB files'],
    ['echarts', 'dashboard charts'],
  ];
  for (const [name, note] of libs) {
    const mb = await idleRss(['--import', name]);
    record({
      measure: `idle RSS + ${name} loaded at start`,
      value: mb - none,
      unit: 'MB',
      note: `${format(mb)} MB; ${note}`,
    });
  }
}

/**
 * The issue's page table: bare route, store home, product page, posts, membership and the licence
 * validation (rate limits lifted, bench/lib.ts), with the bare route before and after.
 */
async function pagesUnderLoad(dataDir: string, licenseKey: string): Promise<void> {
  const app = await startVielfach(dataDir, AS_NPM_START);
  await waitForDemo(app);
  const base = `http://127.0.0.1:${app.port}`;
  await sleep(2000);
  figures.idleRssMb = rssMb(app.child.pid);
  const split = rssSplitMb(app.child.pid);
  record({
    measure: 'idle RSS, demo store (npm start)',
    value: figures.idleRssMb,
    unit: 'MB',
    note: `VmRSS: ${format(split.anon)} MB anonymous (V8 heap, malloc), ${format(split.file)} MB file pages (the Node binary, native modules)`,
  });
  const bare = await startBareFastify();
  const bareUrl = `http://127.0.0.1:${bare.port}/`;
  const bareBefore = await load(bareUrl, undefined, {}, bare.child.pid);
  const product = await productPath(base);
  for (const [label, path, headers] of [
    ['GET / store home', '/', BROWSER_HEADERS],
    [`GET ${product} product page`, product, BROWSER_HEADERS],
    [`GET ${product} product page, gzip taken`, product, { ...BROWSER_HEADERS, 'accept-encoding': GZIP }],
    ['GET /posts', '/posts', BROWSER_HEADERS],
    ['GET /membership', '/membership', BROWSER_HEADERS],
  ] as const) {
    figures.pages.push([label, await load(`${base}${path}`, undefined, headers, app.child.pid)]);
  }
  const { url, post } = await validateRequest(base, licenseKey);
  const validate = await load(url, post, {}, app.child.pid);
  const bareAfter = await load(bareUrl, undefined, {}, bare.child.pid);
  await stopProcess(bare.child);
  const bareRps = Math.max(bareBefore.rps, bareAfter.rps);
  Object.assign(figures, { bareBefore, bareAfter, validate });
  record(loadRow('bare Fastify JSON route, before', bareBefore, bareRps));
  for (const [label, l] of figures.pages) record(loadRow(label, l, bareRps));
  record(loadRow('POST /api/v1/licenses/validate (rate limits lifted)', validate, bareRps));
  record(loadRow('bare Fastify JSON route, after', bareAfter, bareRps));
  await sleep(2000);
  figures.loadedRssMb = rssMb(app.child.pid);
  record({ measure: 'RSS after the page load tests', value: figures.loadedRssMb, unit: 'MB', note: 'VmRSS' });
  await stopProcess(app.child);
}

/** A page under load with --cpu-prof: the top functions by self time. */
async function profilePage(dataDir: string, label: string, path: (base: string) => Promise<string>): Promise<void> {
  const dir = tempDir('vf-bench-prof-');
  const app = await startVielfach(dataDir, { ...AS_NPM_START, nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${dir}`] });
  await waitForDemo(app);
  const base = `http://127.0.0.1:${app.port}`;
  const l = await load(`${base}${await path(base)}`, undefined, BROWSER_HEADERS);
  console.log(`\n  ${label} under the profiler: ${Math.round(l.rps)} req/s`);
  await stopProcess(app.child);
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error('no .cpuprofile written');
  console.log(`  ${join(dir, file)}: top 25 by self time`);
  for (const line of topOfProfile(join(dir, file), 25)) console.log(`    ${line}`);
}

type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
};

/** Self time per function (name, file, line), largest first, as percentages of all samples. */
export function topOfProfile(file: string, n: number): string[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[] };
  const byFunction = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    total += hits;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url.replace(/^file:\/\//, '').replace(`${ROOT}/`, '');
    const key = `${functionName || '(anonymous)'}  ${where ? `${where}:${lineNumber + 1}` : ''}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + hits);
  }
  return [...byFunction.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([key, hits]) => `${((hits / total) * 100).toFixed(1).padStart(5)} %  ${key}`);
}

/** Issue 16's table: every figure next to the bare route of the same run, with the issue's goal. */
function printIssueTable(): void {
  const f = figures;
  const bare = Math.max(f.bareBefore?.rps ?? 0, f.bareAfter?.rps ?? 0);
  // The bare route's CPU per request over the page's: the ratio when the server's core is the limit.
  const bareCpu = Math.min(f.bareBefore?.cpuUs ?? Infinity, f.bareAfter?.cpuUs ?? Infinity);
  const cpuRatio = (l: Load | undefined) =>
    l?.cpuUs && Number.isFinite(bareCpu) ? `${Math.round(l.cpuUs)} µs = ${(bareCpu / l.cpuUs).toFixed(2)}×` : '';
  const lines: string[][] = [['what', 'value', '× bare', 'goal', '', 'CPU/request (bare ÷ it)']];
  const add = (
    what: string,
    value: number | undefined,
    unit: string,
    base: number | undefined,
    goal: string,
    met?: boolean,
    l?: Load,
  ) =>
    lines.push([
      what,
      value === undefined ? '-' : `${format(value)} ${unit}`,
      value !== undefined && base ? `${(value / base).toFixed(value / base < 0.1 ? 3 : 2)}×` : '',
      goal,
      met === undefined ? '' : met ? 'met' : 'not met',
      cpuRatio(l),
    ]);
  add('bare Fastify JSON route, before', f.bareBefore?.rps, 'req/s', bare, 'the baseline', undefined, f.bareBefore);
  add('bare Fastify JSON route, after', f.bareAfter?.rps, 'req/s', bare, 'the baseline', undefined, f.bareAfter);
  for (const [label, l] of f.pages) {
    const product = label.includes('product page');
    const goal = product ? 0.25 : 0.3;
    add(label, l.rps, 'req/s', bare, `≥ ${goal.toFixed(2)}× bare`, l.rps / bare >= goal, l);
    if (product) add(`  ${label.split(' ').slice(2).join(' ')} p99`, l.p99, 'ms', undefined, '< 10 ms', l.p99 < 10);
  }
  if (f.validate)
    add(
      'licence validate (limits lifted)',
      f.validate.rps,
      'req/s',
      bare,
      '≥ 0.5× bare',
      f.validate.rps / bare >= 0.5,
      f.validate,
    );
  const sec = (ms: number | undefined) => (ms === undefined ? undefined : ms);
  add(
    'cold start npm start to first 200',
    sec(f.npmStartMs),
    'ms',
    f.bareStartMs,
    '≤ 1,000 ms',
    (f.npmStartMs ?? Infinity) <= 1000,
  );
  add('  node dist/cli.js start to first 200', sec(f.startMs), 'ms', f.bareStartMs, '', undefined);
  add('idle RSS after start', f.idleRssMb, 'MB', f.bareRssMb, '≤ 100 MB', (f.idleRssMb ?? Infinity) <= 100);
  add('RSS after the load above', f.loadedRssMb, 'MB', f.bareRssMb, '≤ 200 MB', (f.loadedRssMb ?? Infinity) <= 200);
  const widths = lines[0]!.map((_, i) => Math.max(...lines.map((l) => (l[i] ?? '').length)));
  console.log('\nIssue 16 table (start and memory: × the bare Fastify process of the same run)');
  for (const l of lines)
    console.log(
      `  ${l.map((c, i) => (i === 1 || i === 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ')}`,
    );
}

export async function benchPages(): Promise<void> {
  const dataDir = tempDir('vf-bench-demo-');
  const first = await startVielfach(dataDir, AS_NPM_START);
  await waitForDemo(first);
  await stopProcess(first.child);
  const licenseKey = await seedLicenseKey(dataDir);

  const bare = await startups('bare Fastify (node bench/bare-server.mjs)', () => startBareFastify());
  figures.bareStartMs = bare.ms;
  figures.bareRssMb = bare.rss;
  figures.npmStartMs = (
    await startups(
      'npm start (build check and server in one process), demo data present',
      () => startVielfach(dataDir, { ...AS_NPM_START, runner: 'npm' }),
      false,
    )
  ).ms;
  figures.startMs = (
    await startups('node dist/cli.js start, demo data present', () => startVielfach(dataDir, AS_NPM_START))
  ).ms;
  await startups('sources through tsx (as before), demo data present', () =>
    startVielfach(dataDir, { ...AS_NPM_START, runner: 'tsx' }),
  );
  await pagesUnderLoad(dataDir, licenseKey);
  await lazyLibraryMemory(dataDir);
  if (process.env.BENCH_CPU_PROF === '1') {
    await profilePage(dataDir, 'store home', async () => '/');
    await profilePage(dataDir, 'product page', productPath);
  }
  printIssueTable();
}
