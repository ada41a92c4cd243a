import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { get } from 'node:http';
import { type AddressInfo, createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync } from 'node:zlib';
import { tempDir } from './testing/database.js';

const root = join(import.meta.dirname, '..');

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as AddressInfo;
  await new Promise((resolve) => srv.close(resolve));
  return port;
}

function build(out: string, ...flags: string[]) {
  const r = spawnSync(process.execPath, ['scripts/build.mjs', '--out', out, ...flags], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

// One build per file (about a second of CPU), one compiled demo store started from it.
describe('the compiled server (scripts/build.mjs, node dist/cli.js start)', { timeout: 300_000 }, () => {
  mkdirSync(join(root, '.test-data'), { recursive: true });
  const out = mkdtempSync(join(root, '.test-data', 'dist-'));
  let child: ChildProcess | undefined;
  let base = '';
  let output = '';
  const packagesFile = join(out, 'loaded-packages.json');
  const filesFile = join(out, 'loaded-files.json');

  /** Starts the compiled demo store and waits for its start-up announcement. */
  async function start(dataDir: string, port: number, preload: string[] = []): Promise<void> {
    output = '';
    child = spawn(process.execPath, ['--enable-source-maps', ...preload, join(out, 'cli.js'), 'start'], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATA_DIR: dataDir,
        VIELFACH_DEMO: '1',
        LOG_LEVEL: 'info',
        EXCHANGE_RATES_FETCH: 'off',
        LOADED_PACKAGES_FILE: packagesFile,
        LOADED_FILES_FILE: filesFile,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const started = child;
    started.stdout?.on('data', (c: Buffer) => {
      output += c.toString();
    });
    started.stderr?.on('data', (c: Buffer) => {
      output += c.toString();
    });
    const t0 = Date.now();
    while (!output.includes('Demo store ready')) {
      if (started.exitCode !== null) assert.fail(`the compiled server exited with ${started.exitCode}:\n${output}`);
      if (Date.now() - t0 > 120_000) assert.fail(`no start within 120 s:\n${output}`);
      await sleep(50);
    }
  }

  async function stop(): Promise<void> {
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child?.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }

  before(async () => {
    assert.match(build(out, '--if-stale'), /^Built .* from src\/: \d+ modules, \d+ assets/);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    // The first start creates the demo store (its covers need the image library); the tests run
    // against a restart, as a store runs most of the time.
    const dataDir = tempDir('vf-compiled-');
    await start(dataDir, port);
    await stop();
    await start(dataDir, port, ['--import', join(root, 'scripts', 'loaded-packages.mjs')]);
  });

  after(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    rmSync(out, { recursive: true, force: true });
  });

  test('answers /healthz, the store home and a product page', async () => {
    const health = await fetch(`${base}/healthz`);
    assert.equal(health.status, 200);
    assert.equal(((await health.json()) as { status: string }).status, 'ok');
    const home = await fetch(`${base}/`);
    assert.equal(home.status, 200);
    const html = await home.text();
    const product = /href="(\/p\/[^"]+)"/.exec(html)?.[1];
    assert.ok(product, 'the demo home links a product page');
    assert.equal((await fetch(`${base}${product}`)).status, 200);
  });

  test('heavy libraries are loaded on first use: not by start, the store home or a product page', async () => {
    const html = await (await fetch(`${base}/`)).text();
    const product = /href="(\/p\/[^"]+)"/.exec(html)?.[1];
    assert.equal((await fetch(`${base}${product}`)).status, 200);
    await sleep(600); // the probe writes its list every 250 ms
    const loaded = JSON.parse(readFileSync(packagesFile, 'utf8')) as string[];
    assert.ok(loaded.includes('fastify') && loaded.includes('preact'), `the probe sees packages: ${loaded}`);
    const heavy = [
      'pdfkit',
      'fontkit',
      'sharp',
      'stripe',
      'maxmind',
      'xmlbuilder2',
      'qrcode',
      'yazl',
      'fast-xml-parser',
      'ical.js', // a busy calendar's first read
      'pg', // PostgreSQL only
      '@node-rs/argon2', // a login or a password change
      'ajv', // never: zod validates (app.ts hands Fastify zod's compilers)
      '@fastify/swagger', // the first request for the OpenAPI document
      'yaml',
    ];
    assert.deepEqual(
      heavy.filter((p) => loaded.includes(p)),
      [],
    );
  });

  test("the admin's code loads on the first request under /admin: not by start or the store's pages", async () => {
    const html = await (await fetch(`${base}/`)).text();
    const product = /href="(\/p\/[^"]+)"/.exec(html)?.[1];
    assert.equal((await fetch(`${base}${product}`)).status, 200);
    const admin = adminRouteModules();
    assert.ok(admin.length > 30, `the features name their admin route modules: ${admin.length}`);
    await sleep(600); // the probe writes its list every 250 ms
    const before = loadedSources();
    assert.ok(before.has(join(root, 'src/app.ts')), "the probe sees the build's modules");
    assert.deepEqual(
      admin.filter((m) => before.has(m)),
      [],
    );
    assert.equal((await fetch(`${base}/admin/login`)).status, 200);
    await sleep(600);
    const after = loadedSources();
    assert.deepEqual(
      admin.filter((m) => !after.has(m)),
      [],
    );
  });

  /** The source files of the build's chunks the store has imported so far (from their source maps). */
  function loadedSources(): Set<string> {
    const chunks = (JSON.parse(readFileSync(filesFile, 'utf8')) as string[]).map((u) => fileURLToPath(u));
    return new Set(
      chunks
        .filter((c) => c.startsWith(out))
        .flatMap((c) => (JSON.parse(readFileSync(`${c}.map`, 'utf8')) as { sources: string[] }).sources)
        .map((s) => resolve(out, s)),
    );
  }

  /** What the features load on the first admin request: each `import('./….js')` in a feature.ts. */
  function adminRouteModules(): string[] {
    const features = join(root, 'src/features');
    const modules = [join(root, 'src/jobs/admin.routes.ts')];
    for (const name of readdirSync(features)) {
      const text = (() => {
        try {
          return readFileSync(join(features, name, 'feature.ts'), 'utf8');
        } catch {
          return '';
        }
      })();
      for (const m of text.matchAll(/import\('\.\/([\w.-]+)\.js'\)/g)) modules.push(join(features, name, `${m[1]}.ts`));
    }
    return modules;
  }

  test('assets: versioned URL in the page, brotli copy, a year immutable; the bare URL an hour', async () => {
    const html = await (await fetch(`${base}/`)).text();
    const css = /<link rel="stylesheet" href="(\/assets\/app\.css\?v=[0-9a-f]{12})"/.exec(html)?.[1];
    assert.ok(css, 'the stylesheet link carries the content version');
    const res = await fetch(`${base}${css}`, { headers: { 'accept-encoding': 'br' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    // fetch decodes the body itself; a raw request shows the brotli copy is what was sent.
    const raw = await new Promise<{ encoding: string | undefined; body: Buffer }>((resolve, reject) => {
      get(`${base}${css}`, { headers: { 'accept-encoding': 'br' } }, (r) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => resolve({ encoding: r.headers['content-encoding'], body: Buffer.concat(chunks) }));
      }).on('error', reject);
    });
    assert.equal(raw.encoding, 'br');
    assert.deepEqual(brotliDecompressSync(raw.body), readFileSync(join(root, 'src/web/assets/app.css')));

    const bare = await fetch(`${base}/assets/app.css`);
    assert.equal(bare.headers.get('cache-control'), 'public, max-age=3600');
    const stale = await fetch(`${base}/assets/app.css?v=000000000000`);
    assert.equal(stale.headers.get('cache-control'), 'public, max-age=3600');
  });

  test('at log level info, answers that went well write no log line; a 404 writes one', async () => {
    await fetch(`${base}/healthz`);
    await fetch(`${base}/no-such-page-${process.pid}`);
    await sleep(300);
    const lines = output.split('\n').filter((l) => l.startsWith('{'));
    assert.ok(!lines.some((l) => l.includes('"url":"/healthz"') || l.includes('incoming request')), output);
    const missing = lines.filter((l) => l.includes(`/no-such-page-${process.pid}`));
    assert.equal(missing.length, 1, output);
    assert.match(missing[0] ?? '', /"statusCode":404/);
  });

  test('a stopped server; npm start rebuilds only when the sources are newer than the build', async () => {
    await stop();
    // Stamps far from now: others may be editing src/ while this runs.
    const future = new Date('2100-01-01T00:00:00Z');
    utimesSync(join(out, '.build-stamp'), future, future);
    assert.equal(build(out, '--if-stale'), '', 'a build newer than every source is kept');
    const old = new Date('2000-01-01T00:00:00Z');
    utimesSync(join(out, '.build-stamp'), old, old);
    assert.match(build(out, '--if-stale'), /^Built /);
  });

  test('scripts/start.mjs (npm start) builds a stale folder first, then runs its cli.js in the same process', () => {
    const old = new Date('2000-01-01T00:00:00Z');
    utimesSync(join(out, '.build-stamp'), old, old);
    const run = () =>
      spawnSync(process.execPath, ['scripts/start.mjs', 'help'], {
        cwd: root,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', VIELFACH_DIST: out },
        encoding: 'utf8',
        timeout: 120_000,
      });
    const stale = run();
    assert.equal(stale.status, 0, stale.stderr);
    assert.match(stale.stdout, /^Built /);
    assert.match(stale.stdout, /Usage: vielfach <command>/, 'the command ran after the build');
    const fresh = run();
    assert.equal(fresh.status, 0, fresh.stderr);
    assert.doesNotMatch(fresh.stdout, /Built /, 'a fresh build is kept');
    assert.match(fresh.stdout, /Usage: vielfach <command>/);
  });
});
