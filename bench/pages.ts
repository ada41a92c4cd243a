// The public pages, start-up and memory of the demo store as `npm start` runs it (compiled,
// log level info), next to a bare Fastify route measured before and after in the same run:
// the figures of issue 16's table, plus start-up through tsx as it was and the memory each
// lazily loaded library costs. `npm run bench -- pages` runs only this part.
//
// Settings: BENCH_STARTS (start-ups per runner, default 3), BENCH_CPU_PROF=1 (also profile the
// product page under load and print the top functions by self time; --cpu-prof).

import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
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
} from './lib.js';
import { productPath } from './selling.js';

const STARTS = Number(process.env.BENCH_STARTS ?? 3);
/** As `npm start` runs it: the default log level. */
const AS_NPM_START: StartOptions = { demo: true, env: { LOG_LEVEL: 'info' } };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

async function waitForDemo(server: Server): Promise<void> {
  const t0 = performance.now();
  while (!server.output().includes('Demo store ready')) {
    if (performance.now() - t0 > 120_000) throw new Error(`the demo store was not ready:\n${server.output()}`);
    await sleep(50);
  }
}

/** Start-ups to the first 200 and memory after 2 s idle, for one way of starting. */
async function startups(label: string, start: () => Promise<Server & { startupMs: number }>): Promise<void> {
  const ms: number[] = [];
  const rss: number[] = [];
  for (let i = 0; i < STARTS; i++) {
    const s = await start();
    ms.push(s.startupMs);
    await sleep(2000);
    rss.push(rssMb(s.child.pid));
    await stopProcess(s.child);
  }
  const note = `median of ${STARTS}; all: ${ms.map((m) => Math.round(m)).join(', ')} ms`;
  record({ measure: `${label}: start to first 200`, value: median(ms), unit: 'ms', note });
  record({
    measure: `${label}: RSS 2 s after start`,
    value: median(rss),
    unit: 'MB',
    note: `VmRSS, all: ${rss.map((r) => Math.round(r)).join(', ')} MB`,
  });
}

/** What each library costs when imported into a bare Node process (RSS after a GC, against none). */
async function libraryMemory(): Promise<void> {
  const probe = async (specifier: string): Promise<number> => {
    const code = `${specifier ? `await import(${JSON.stringify(specifier)});` : ''}globalThis.gc();await new Promise((r)=>setTimeout(r,200));globalThis.gc();process.stdout.write(String(process.memoryUsage().rss))`;
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['--expose-gc', '--input-type=module', '-e', code], { cwd: ROOT });
      let text = '';
      child.stdout.on('data', (c: Buffer) => {
        text += c.toString();
      });
      child.on('error', reject);
      child.on('exit', () => resolve(text));
    });
    return Number(out) / 2 ** 20;
  };
  const none = await probe('');
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
    ['pg', 'PostgreSQL driver: still loaded at start on SQLite (src/db/database.ts)'],
    ['sanitize-html', 'Markdown output (product pages and posts need it)'],
  ];
  for (const [name, note] of libs) {
    record({ measure: `RSS of importing ${name}`, value: (await probe(name)) - none, unit: 'MB', note });
  }
}

/** The issue's page table: bare route, store home, product page, posts, membership, before and after. */
async function pagesUnderLoad(dataDir: string): Promise<void> {
  const app = await startVielfach(dataDir, AS_NPM_START);
  await waitForDemo(app);
  const base = `http://127.0.0.1:${app.port}`;
  await sleep(2000);
  record({ measure: 'idle RSS, demo store (npm start)', value: rssMb(app.child.pid), unit: 'MB', note: 'VmRSS' });
  const bare = await startBareFastify();
  const bareUrl = `http://127.0.0.1:${bare.port}/`;
  const bareBefore = await load(bareUrl);
  const product = await productPath(base);
  const pages: [string, Load][] = [];
  for (const [label, path] of [
    ['GET / store home', '/'],
    [`GET ${product} product page`, product],
    ['GET /posts', '/posts'],
    ['GET /membership', '/membership'],
  ] as const) {
    pages.push([label, await load(`${base}${path}`)]);
  }
  const bareAfter = await load(bareUrl);
  await stopProcess(bare.child);
  const bareRps = Math.max(bareBefore.rps, bareAfter.rps);
  record(loadRow('bare Fastify JSON route, before', bareBefore, bareRps));
  for (const [label, l] of pages) record(loadRow(label, l, bareRps));
  record(loadRow('bare Fastify JSON route, after', bareAfter, bareRps));
  await sleep(2000);
  record({ measure: 'RSS after the page load tests', value: rssMb(app.child.pid), unit: 'MB', note: 'VmRSS' });
  await stopProcess(app.child);
}

/** The product page under load with --cpu-prof: the top functions by self time. */
async function profileProductPage(dataDir: string): Promise<void> {
  const dir = tempDir('vf-bench-prof-');
  const app = await startVielfach(dataDir, { ...AS_NPM_START, nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${dir}`] });
  await waitForDemo(app);
  const base = `http://127.0.0.1:${app.port}`;
  const l = await load(`${base}${await productPath(base)}`);
  console.log(`  product page under the profiler: ${Math.round(l.rps)} req/s`);
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

export async function benchPages(): Promise<void> {
  const dataDir = tempDir('vf-bench-demo-');
  const first = await startVielfach(dataDir, AS_NPM_START);
  await waitForDemo(first);
  await stopProcess(first.child);

  await startups('bare Fastify (node bench/bare-server.mjs)', () => startBareFastify());
  await startups('npm start, compiled, demo data present', () => startVielfach(dataDir, AS_NPM_START));
  await startups('sources through tsx (as before), demo data present', () =>
    startVielfach(dataDir, { ...AS_NPM_START, runner: 'tsx' }),
  );
  await pagesUnderLoad(dataDir);
  await libraryMemory();
  if (process.env.BENCH_CPU_PROF === '1') await profileProductPage(dataDir);
}
