// Selling under load: the product page, whole purchases per second (checkout →
// test payment → delivered) and streaming a large file to many clients.

import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import SQLite from 'better-sqlite3';
import { load, loadRow, type Row, record, rssMb } from './lib.js';

const BUYERS = 20;
const ORDER_SECONDS = Number(process.env.BENCH_ORDER_SECONDS ?? 30);
const DOWNLOAD_CLIENTS = 20;
const DOWNLOAD_SECONDS = Number(process.env.BENCH_DOWNLOAD_SECONDS ?? 20);
const RANGE_BYTES = 32 * 1024 * 1024;

/** The first product page linked from the store home. */
export async function productPath(base: string): Promise<string> {
  const home = await (await fetch(`${base}/`)).text();
  const path = /href="(\/p\/[^"]+)"/.exec(home)?.[1];
  if (!path) throw new Error('no product on the store home');
  return path;
}

export async function benchProductPage(base: string, bareRps: number): Promise<Row> {
  const path = await productPath(base);
  return loadRow(`GET ${path} product page (rendered)`, await load(`${base}${path}`), bareRps);
}

type Session = { cookie: string; csrf: string; productId: string };

/** A buyer's browser session: the product page gives the cookie, the CSRF token and the product id. */
async function openSession(base: string, path: string): Promise<Session> {
  const res = await fetch(`${base}${path}`);
  const html = await res.text();
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  const productId = /name="productId" value="([^"]+)"/.exec(html)?.[1];
  if (!csrf || !productId) throw new Error(`no buy form on ${path}`);
  return { cookie, csrf, productId };
}

async function post(url: string, s: Session, fields: Record<string, string>): Promise<string> {
  const res = await fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: s.csrf, ...fields }),
  });
  const location = res.headers.get('location');
  await res.arrayBuffer();
  if (res.status !== 303 || !location) throw new Error(`POST ${url}: HTTP ${res.status}`);
  return location;
}

/** One buyer: checkout, then "Pay" on the test provider's page, again and again until the deadline. */
async function buyer(base: string, path: string, n: number, deadline: number): Promise<number> {
  const s = await openSession(base, path);
  let paid = 0;
  while (performance.now() < deadline) {
    const payUrl = await post(`${base}/checkout`, s, {
      productId: s.productId,
      digitalConsent: '1',
      email: `buyer${n}-${paid}@example.com`,
    });
    await post(`${base}${payUrl}`, s, { outcome: 'pay' });
    paid++;
  }
  return paid;
}

/**
 * 20 buyers complete purchases over HTTP for ORDER_SECONDS; the store's own
 * worker confirms the payments and delivers. Counts orders delivered (a
 * delivery row exists) per second, until the backlog is done.
 */
export async function benchOrders(base: string, dataDir: string): Promise<void> {
  const path = await productPath(base);
  const db = new SQLite(join(dataDir, 'vielfach.db'), { readonly: true });
  const delivered = () => (db.prepare('SELECT count(DISTINCT order_id) AS n FROM deliveries').get() as { n: number }).n;
  try {
    const before = delivered();
    const t0 = performance.now();
    const deadline = t0 + ORDER_SECONDS * 1000;
    const bought = (await Promise.all(Array.from({ length: BUYERS }, (_, i) => buyer(base, path, i, deadline)))).reduce(
      (a, b) => a + b,
      0,
    );
    const buyingSeconds = (performance.now() - t0) / 1000;
    while (delivered() - before < bought && performance.now() - t0 < (ORDER_SECONDS + 60) * 1000) await sleep(100);
    const done = delivered() - before;
    const seconds = (performance.now() - t0) / 1000;
    record({
      measure: `purchases delivered, ${BUYERS} buyers`,
      value: done / seconds,
      unit: 'orders/s',
      note: `${done}/${bought} delivered in ${seconds.toFixed(1)} s; checkout+pay ${(bought / buyingSeconds).toFixed(1)}/s`,
    });
  } finally {
    db.close();
  }
}

/** Fetches ranges of the file in turn until the deadline; returns bytes received. */
function rangeClient(
  base: string,
  path: string,
  size: number,
  start: number,
  deadline: number,
  agent: Agent,
): Promise<number> {
  return new Promise((resolve, reject) => {
    let received = 0;
    let offset = start;
    const next = () => {
      if (performance.now() >= deadline) return resolve(received);
      const end = Math.min(size, offset + RANGE_BYTES) - 1;
      const req = request(`${base}${path}`, { agent, headers: { range: `bytes=${offset}-${end}` } }, (res) => {
        if (res.statusCode !== 206) return reject(new Error(`range request: HTTP ${res.statusCode}`));
        res.on('data', (chunk: Buffer) => {
          received += chunk.length;
        });
        res.on('end', () => {
          offset = end + 1 >= size ? 0 : end + 1;
          next();
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    };
    next();
  });
}

/** 20 clients stream a large file in 32 MiB ranges; throughput and the server's peak RSS. */
export async function benchDownloads(base: string, path: string, size: number, pid: number | undefined): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: DOWNLOAD_CLIENTS });
  const rssBefore = rssMb(pid);
  let peak = rssBefore;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMb(pid));
  }, 100);
  try {
    const t0 = performance.now();
    const deadline = t0 + DOWNLOAD_SECONDS * 1000;
    const step = Math.floor(size / DOWNLOAD_CLIENTS);
    const bytes = await Promise.all(
      Array.from({ length: DOWNLOAD_CLIENTS }, (_, i) => rangeClient(base, path, size, i * step, deadline, agent)),
    );
    const seconds = (performance.now() - t0) / 1000;
    const total = bytes.reduce((a, b) => a + b, 0);
    record({
      measure: `download throughput, ${DOWNLOAD_CLIENTS} clients, ${Math.round(size / 2 ** 30)} GiB file`,
      value: total / 2 ** 20 / seconds,
      unit: 'MiB/s',
      note: `${(total / 2 ** 30).toFixed(1)} GiB in ${seconds.toFixed(1)} s, 32 MiB ranges`,
    });
    record({
      measure: 'peak RSS while streaming',
      value: peak,
      unit: 'MB',
      note: `${rssBefore.toFixed(0)} MB before: memory stays flat`,
    });
  } finally {
    clearInterval(sampler);
    agent.destroy();
  }
}
