// Shared by the bench modules: child processes, HTTP load (wrk when installed, else autocannon),
// result rows. Everything stays on 127.0.0.1.

import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import pg from 'pg';

export const ROOT = join(import.meta.dirname, '..');
/** wrk (Debian's package) when installed: one thread, it leaves the server a core of its own. */
export const WRK = process.env.BENCH_WRK !== '0' && spawnSync('wrk', ['--version']).error === undefined;
export const DURATION = Number(process.env.BENCH_DURATION ?? (WRK ? 8 : 10));
export const WARMUP = Math.min(2, DURATION);
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? (WRK ? 32 : 50));
export const LOAD_TOOL = WRK ? 'wrk, 1 thread' : 'autocannon';
export const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://root@127.0.0.1:5432/test';

export type Row = { measure: string; value: number | null; unit: string; vsBare?: number; note?: string };
export const rows: Row[] = [];
const children = new Set<ChildProcess>();
/** Children started in a process group of their own (npm and what it starts): stopped as a group. */
const groups = new WeakSet<ChildProcess>();
const tempDirs: string[] = [];

export function record(row: Row): void {
  rows.push(row);
  const value = row.value === null ? 'skipped' : `${format(row.value)} ${row.unit}`;
  console.log(`  ${row.measure}: ${value}${row.note ? `  (${row.note})` : ''}`);
}

export function format(n: number): string {
  if (n >= 100) return Math.round(n).toLocaleString('en-US');
  return n.toFixed(n >= 10 ? 1 : 2);
}

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

// ---------------------------------------------------------------- processes

export type Server = { child: ChildProcess; port: number; output: () => string };

export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as AddressInfo;
  await new Promise((resolve) => srv.close(resolve));
  return port;
}

/** A Node process in the project folder; `nodeArgs` default to running TypeScript through tsx. */
export function startProcess(
  args: string[],
  env: Record<string, string> = {},
  nodeArgs: string[] = ['--import', 'tsx'],
  opts: { group?: boolean } = {},
): Server & { exited: Promise<number | null> } {
  const child = spawn(process.execPath, [...nodeArgs, ...args], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: opts.group === true,
  });
  children.add(child);
  if (opts.group) groups.add(child);
  let out = '';
  const keep = (chunk: Buffer) => {
    out = (out + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      children.delete(child);
      resolve(code);
    }),
  );
  return { child, port: 0, output: () => out, exited };
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  signal(child, 'SIGTERM');
  const killed = await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)]);
  if (!killed) {
    signal(child, 'SIGKILL');
    await exited;
  }
}

function signal(child: ChildProcess, sig: NodeJS.Signals): void {
  if (groups.has(child) && child.pid !== undefined) {
    try {
      process.kill(-child.pid, sig);
    } catch {
      // the group is gone already
    }
  } else child.kill(sig);
}

/**
 * The Node flags `npm start` runs with (package.json), so that the compiled runs here match it.
 * A start script this does not recognise stops the bench: measuring without npm start's flags
 * (its young-generation limit above all) gave an RSS after load twice what npm start has.
 */
const START_FLAGS = (() => {
  const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> })
    .scripts;
  const m = /\bnode ((?:--[^\s]+ )*)scripts\/start\.mjs start/.exec(scripts.start ?? '');
  if (!m) throw new Error(`bench: cannot read the Node flags of npm start from "${scripts.start}"`);
  return m[1]?.trim().split(/\s+/).filter(Boolean) ?? [];
})();

/** npm's own script when the bench runs under `npm run` (it says where), else the one on PATH. */
const NPM_CLI = process.env.npm_execpath ?? spawnSync('which', ['npm']).stdout.toString().trim();

let built = false;

/** Builds dist/ when it is missing or older than src/ (as `npm start` does), once per run. */
export function ensureBuilt(): void {
  if (built) return;
  const r = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('scripts/build.mjs failed');
  built = true;
}

export type StartOptions = {
  /**
   * `dist/cli.js` as `npm start` runs it (default), `npm start` itself (npm, the staleness check of
   * the build, then dist/cli.js), or the sources through tsx as before.
   */
  runner?: 'compiled' | 'npm' | 'tsx';
  /** VIELFACH_DEMO=1: the demo store (made on the first start, kept after). */
  demo?: boolean;
  /** Extra Node flags, e.g. --cpu-prof. */
  nodeFlags?: string[];
  env?: Record<string, string>;
};

/** Starts `vielfach start` and times it from spawn to the first 200 on /healthz. */
export async function startVielfach(dataDir: string, opts: StartOptions = {}): Promise<Server & { startupMs: number }> {
  const port = await freePort();
  const runner = opts.runner ?? 'compiled';
  const compiled = runner !== 'tsx';
  if (compiled) ensureBuilt();
  const t0 = performance.now();
  const args = runner === 'npm' ? [NPM_CLI, 'start'] : compiled ? ['dist/cli.js', 'start'] : ['src/cli.ts', 'start'];
  const nodeArgs =
    runner === 'npm' ? [] : [...(compiled ? START_FLAGS : ['--import', 'tsx']), ...(opts.nodeFlags ?? [])];
  const env = {
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    SMTP_URL: '',
    PUBLIC_URL: '',
    VIELFACH_DEMO: opts.demo ? '1' : '0',
    EXCHANGE_RATES_FETCH: 'off',
    LOG_LEVEL: 'warn',
    // One client validates one key as fast as it can, so the limits per IP and per key (per clock
    // minute) sit above what one load test can send; only 200 answers count (see `load`).
    LICENSE_RATE_PER_IP: '1000000',
    LICENSE_RATE_PER_KEY: '1000000',
    // 20 buyers from one address: no checkout limit either.
    CHECKOUT_RATE_PER_MINUTE: '1000000',
    ...opts.env,
  };
  const proc = startProcess(args, env, nodeArgs, { group: runner === 'npm' });
  let exitCode: number | null | undefined;
  proc.exited.then((code) => {
    exitCode = code;
  });
  while (performance.now() - t0 < 60_000) {
    if (exitCode !== undefined) throw new Error(`vielfach start exited with ${exitCode}:\n${proc.output()}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(1000) });
      if (res.status === 200) return { ...proc, port, startupMs: performance.now() - t0 };
    } catch {
      // not listening yet
    }
    await sleep(10);
  }
  await stopProcess(proc.child);
  throw new Error(`vielfach start gave no 200 on /healthz within 60 s:\n${proc.output()}`);
}

export async function startBareFastify(): Promise<Server & { startupMs: number }> {
  const t0 = performance.now();
  const proc = startProcess(['bench/bare-server.mjs'], {}, []);
  while (performance.now() - t0 < 30_000) {
    const m = /\{"port":(\d+)\}/.exec(proc.output());
    if (m) {
      const port = Number(m[1]);
      while ((await fetch(`http://127.0.0.1:${port}/`).catch(() => undefined))?.status !== 200) await sleep(5);
      return { ...proc, port, startupMs: performance.now() - t0 };
    }
    if (proc.child.exitCode !== null) break;
    await sleep(5);
  }
  await stopProcess(proc.child);
  throw new Error(`bare Fastify server did not start:\n${proc.output()}`);
}

export function rssMb(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
  if (!kb) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(kb) / 1024;
}

// ---------------------------------------------------------------- HTTP load

/** `rps` counts successful (2xx) answers only: a refusal (404, 429) is no throughput. */
/** `cpuUs`: the server's CPU time (user + system) per answered request, when its pid was given. */
export type Load = { rps: number; p50: number; p99: number; bad: number; cpuUs?: number };
export type Post = { method: 'POST'; headers: Record<string, string>; body: string };

/**
 * What a browser sends with a page request: a visitor is counted only with a user agent that is
 * not a bot's, and the product page picks its country from Accept-Language. No cookies: every
 * request is a new anonymous visitor's (but the same visitor hash, so views are counted once).
 */
export const BROWSER_HEADERS: Record<string, string> = {
  'user-agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0',
  'accept-language': 'de-DE,de;q=0.9,en;q=0.8',
  accept: 'text/html,application/xhtml+xml',
};

/** Load on one URL: a GET (with `headers`) or the given POST. */
export async function load(
  url: string,
  post?: Post,
  headers: Record<string, string> = {},
  serverPid?: number,
): Promise<Load> {
  const cpu0 = { ms: 0, at: 0 };
  const measured = (l: Load, seconds: number): Load => {
    if (serverPid === undefined || !(l.rps > 0)) return l;
    return { ...l, cpuUs: ((cpuMs(serverPid) - cpu0.ms) * 1000) / (l.rps * seconds) };
  };
  if (WRK) {
    await wrk(url, WARMUP, post, headers);
    if (serverPid !== undefined) cpu0.ms = cpuMs(serverPid);
    return measured(await wrk(url, DURATION, post, headers), DURATION);
  }
  const opts = { url, connections: CONNECTIONS, headers, ...post };
  await autocannon({ ...opts, duration: WARMUP });
  if (serverPid !== undefined) cpu0.ms = cpuMs(serverPid);
  const r = await autocannon({ ...opts, duration: DURATION });
  const l = {
    rps: r['2xx'] / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    bad: r.errors + r.timeouts + r.non2xx,
  };
  return measured(l, r.duration);
}

/**
 * CPU time a process has used (user + system, ms; Linux clock ticks of 10 ms). Per request it is
 * steadier than requests per second on a shared machine, where the load generator and other work
 * take the same cores.
 */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

let wrkScript: string | undefined;

/** One wrk run (1 thread); POSTs through a Lua script that reads the request from the environment. */
async function wrk(url: string, seconds: number, post?: Post, headers: Record<string, string> = {}): Promise<Load> {
  const args = ['-t1', `-c${CONNECTIONS}`, `-d${seconds}s`, '--latency', '--timeout', '10s'];
  for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}: ${v}`);
  const env: Record<string, string> = { ...(process.env as Record<string, string>) };
  if (post) {
    wrkScript ??= join(tempDir('vf-bench-wrk-'), 'post.lua');
    writeFileSync(
      wrkScript,
      [
        'wrk.method = os.getenv("WRK_METHOD")',
        'wrk.body = os.getenv("WRK_BODY")',
        'for k, v in string.gmatch(os.getenv("WRK_HEADERS"), "([^\\n]+): ([^\\n]+)") do wrk.headers[k] = v end',
      ].join('\n'),
    );
    args.push('-s', wrkScript);
    env.WRK_METHOD = post.method;
    env.WRK_BODY = post.body;
    env.WRK_HEADERS = Object.entries(post.headers)
      .map(([k, v]) => `${k}: ${v}`)
      .join('\n');
  }
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn('wrk', [...args, url], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.on('data', (c: Buffer) => {
      text += c.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`wrk exited with ${code}:\n${text}`))));
  });
  const ms = (label: string) => {
    const m = new RegExp(`^\\s*${label}%\\s+([\\d.]+)(us|ms|s)\\b`, 'm').exec(out);
    if (!m) return Number.NaN;
    const factor = m[2] === 'us' ? 0.001 : m[2] === 's' ? 1000 : 1;
    return Math.round(Number(m[1]) * factor * 100) / 100;
  };
  const total = Number(/(\d+) requests in ([\d.]+)(m?s)/.exec(out)?.[1] ?? Number.NaN);
  const duration = /\d+ requests in ([\d.]+)(m?s)/.exec(out);
  const secs = duration ? Number(duration[1]) / (duration[2] === 'ms' ? 1000 : 1) : seconds;
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
  const errors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const socketErrors = errors ? errors.slice(1).reduce((a, b) => a + Number(b), 0) : 0;
  return { rps: (total - non2xx) / secs, p50: ms('50'), p99: ms('99'), bad: non2xx + socketErrors };
}

/** The licence API's validate call for `licenseKey`, checked to answer 200 with valid: true first. */
export async function validateRequest(base: string, licenseKey: string): Promise<{ url: string; post: Post }> {
  const url = `${base}/api/v1/licenses/validate`;
  const post: Post = {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({ license_key: licenseKey }).toString(),
  };
  // The bench key must validate before its speed means anything.
  const res = await fetch(url, { method: post.method, headers: post.headers, body: post.body });
  const body = (await res.json()) as { valid?: boolean };
  if (res.status !== 200 || body.valid !== true) {
    throw new Error(`the bench licence key does not validate: HTTP ${res.status} ${JSON.stringify(body)}`);
  }
  return { url, post };
}

export function loadRow(measure: string, l: Load, bare: number | undefined): Row {
  const note = [
    `p50 ${l.p50} ms, p99 ${l.p99} ms`,
    l.cpuUs ? `${Math.round(l.cpuUs)} µs server CPU/request` : '',
    l.bad ? `${l.bad} errors/non-2xx, not counted` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return { measure, value: l.rps, unit: 'req/s', vsBare: bare ? l.rps / bare : 1, note };
}

export async function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port, timeout: 1000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function adminQuery(sqlText: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(sqlText);
  } finally {
    await client.end();
  }
}

export function printTable(seconds: number): void {
  const header = ['measure', 'value', 'unit', 'vs bare', 'notes'];
  const body = rows.map((r) => [
    r.measure,
    r.value === null ? 'skipped' : format(r.value),
    r.unit,
    r.vsBare === undefined ? '' : `${(r.vsBare * 100).toFixed(0)} %`,
    r.note ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 1 || i === 3 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ');
  console.log(`\n${'='.repeat(20)} Results (${Math.round(seconds)} s) ${'='.repeat(20)}`);
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const b of body) console.log(line(b));
}

export function cleanUp(): void {
  for (const c of children) c.kill('SIGKILL');
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
}
