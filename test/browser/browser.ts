// Shared by the browser tests: Debian's Chromium driven by playwright-core, and
// a real app on 127.0.0.1 with its worker running in the background.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { allJobs } from '../../src/jobs/registry.js';
import { Worker } from '../../src/jobs/worker.js';
import { buildTestApp, setUpStore, type TestApp } from '../../src/testing/app.js';

export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

// In CI a missing browser is a failure, never a skip; locally the test says why it did not run.
export const chromiumMissing = !existsSync(CHROMIUM);
if (chromiumMissing && process.env.CI) {
  throw new Error(`${CHROMIUM} is missing: install it with "apt-get install -y chromium" (.ci/run does).`);
}
export const skipWithoutChromium = chromiumMissing && `${CHROMIUM} not installed`;

export type BrowserHarness = { context: BrowserContext; close: () => Promise<void> };

/** A fresh, empty profile each run (Playwright passes it as --user-data-dir). */
export async function launchChromium(): Promise<BrowserHarness> {
  const profileDir = mkdtempSync(join(tmpdir(), 'vf-chromium-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    locale: 'en-GB',
    acceptDownloads: true,
    timeout: 60_000,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

export type LiveApp = TestApp & { base: string };

/** The app listening on a free port, with a worker loop, as `npm start` runs it. */
export async function startLiveApp(opts: { worker?: boolean } = {}): Promise<LiveApp> {
  const t = await buildTestApp();
  let worker: Worker | undefined;
  if (opts.worker) {
    worker = new Worker({
      services: t.services,
      jobs: allJobs,
      concurrency: 2,
      leaseMs: 30_000,
      pollMs: 200,
      log: t.services.log,
    });
    t.services.nudgeWorker = () => worker?.nudge();
    worker.start();
  }
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  // Links in emails and payment redirects use the public URL: the port is known only now.
  (t.services.config as { publicUrl: string }).publicUrl = base;
  const close = t.close;
  return {
    ...t,
    base,
    close: async () => {
      await worker?.stop();
      await close();
    },
  };
}

/** Console errors, uncaught page errors and failed or 4xx/5xx sub-requests. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`page: ${e.message}`));
  page.on('requestfailed', (r) => {
    const reason = r.failure()?.errorText ?? '';
    // A sub-request still loading (e.g. the favicon) is cancelled when the test navigates on: not a page error.
    if (reason === 'net::ERR_ABORTED') return;
    errors.push(`request failed: ${r.url()} ${reason}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return errors;
}

/**
 * For a describe block: a live store (set up, worker running) and Chromium,
 * started before its tests and closed after them.
 */
export function liveStoreWithBrowser(storeName: string): { t: LiveApp; browser: BrowserHarness } {
  const live = {} as { t: LiveApp; browser: BrowserHarness };
  before(async () => {
    live.t = await startLiveApp({ worker: true });
    await setUpStore(live.t.services, { storeName });
    live.browser = await launchChromium();
  });
  after(async () => {
    await live.browser?.close();
    await live.t?.close();
  });
  return live;
}
