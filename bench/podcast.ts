// `npm run bench -- podcast`: (a) a 200 MB episode fetched in random 1 MiB ranges by 100
// concurrent clients through a private feed's enclosure URL (access checked, the first range of
// each client counted), with the server's RSS before, at its peak and after — streaming keeps it
// flat; (b) 1,000 members' private feeds polled (wrk rotating over the paths, as apps send them:
// Accept-Encoding gzip), without and with If-None-Match, next to the bare Fastify route measured
// in the same run.
//
// Settings: BENCH_PODCAST_SECONDS (range load, default 15), BENCH_PODCAST_CLIENTS (default 100),
// BENCH_PODCAST_MB (episode size, default 200), BENCH_PODCAST_FEEDS (default 1000).

import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { Agent, get } from 'node:http';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { openDatabase } from '../src/db/database.js';
import { seedCustomer, seedOrder } from '../src/features/orders/testing.js';
import { feedToken, tokenHash } from '../src/features/podcasts/feed-tokens.js';
import { privateAudioPath, privateFeedPath } from '../src/features/podcasts/links.js';
import { localStorageIn } from '../src/features/storage/storage.js';
import {
  CONNECTIONS,
  DURATION,
  load,
  loadRow,
  record,
  rssMb,
  startBareFastify,
  startVielfach,
  stopProcess,
  tempDir,
  WARMUP,
} from './lib.js';
import { setUpOverHttp } from './store.js';

const SECONDS = Number(process.env.BENCH_PODCAST_SECONDS ?? 15);
const CLIENTS = Number(process.env.BENCH_PODCAST_CLIENTS ?? 100);
const EPISODE_BYTES = Number(process.env.BENCH_PODCAST_MB ?? 200) * 2 ** 20;
const FEEDS = Number(process.env.BENCH_PODCAST_FEEDS ?? 1000);
const EPISODES = 20;
const PIECE = 2 ** 20;

type Seeded = { showId: string; episode: { id: string; audio_type: string; transcript_type: null }; feeds: string[] };

/** Random bytes (so nothing compresses or dedups), generated in 1 MiB pieces as storage reads them. */
function randomAudio(size: number): Readable {
  let left = size;
  return new Readable({
    read() {
      if (left <= 0) return this.push(null);
      const n = Math.min(PIECE, left);
      left -= n;
      this.push(randomBytes(n));
    },
  });
}

/** A show of 20 episodes (all pointing at one 200 MB file) and FEEDS buyers, each with a private feed. */
async function seedPodcast(dataDir: string, secret: string): Promise<Seeded> {
  const database = await openDatabase(`sqlite:${join(dataDir, 'vielfach.db')}`);
  try {
    const { db } = database;
    const now = new Date().toISOString();
    const audio = await localStorageIn(dataDir).put(randomAudio(EPISODE_BYTES), { prefix: 'podcast-audio' });
    const showId = randomUUID();
    await db
      .insertInto('products')
      .values({
        ...{ id: showId, slug: 'bench-podcast', kind: 'podcast', title: 'Bench Podcast', status: 'published' },
        ...{ pricing: 'fixed', currency: 'EUR', price_minor: 900, created_at: now, updated_at: now, published_at: now },
      })
      .execute();
    await db
      .insertInto('podcast_shows')
      .values({ product_id: showId, language: 'en', feed_changed_at: now, created_at: now, updated_at: now })
      .execute();
    const ids = Array.from({ length: EPISODES }, () => randomUUID());
    for (const [i, id] of ids.entries()) {
      await db
        .insertInto('podcast_episodes')
        .values({
          ...{ id, show_id: showId, guid: randomUUID(), title: `Episode ${i + 1}`, season: 1, episode_number: i + 1 },
          ...{ notes_md: `Notes of **episode ${i + 1}** with a [link](https://example.com/${i}).` },
          ...{
            status: 'published',
            publish_at: null,
            published_at: new Date(Date.now() - i * 86_400_000).toISOString(),
          },
          ...{
            audio_key: audio.key,
            audio_size: audio.sizeBytes,
            audio_type: 'audio/mpeg',
            audio_sha256: audio.sha256,
          },
          ...{ duration_seconds: 3600, transcript_key: null, transcript_type: null, created_at: now, updated_at: now },
        })
        .execute();
    }
    const product = { id: showId, title: 'Bench Podcast', priceMinor: 900 };
    const feeds: string[] = [];
    for (let i = 0; i < FEEDS; i++) {
      const email = `listener${i}@example.com`;
      const customer = await seedCustomer(db, { email, name: `Listener ${i}` });
      const order = await seedOrder(db, { customer, items: [{ product }], status: 'paid' });
      await db
        .insertInto('podcast_purchases')
        .values({ id: randomUUID(), show_id: showId, email, order_id: order.id, revoked_at: null, created_at: now })
        .execute();
      const feedId = randomUUID();
      const token = feedToken(secret, feedId, 1);
      await db
        .insertInto('podcast_feeds')
        .values({
          id: feedId,
          show_id: showId,
          email,
          token_hash: tokenHash(token),
          created_at: now,
          rotated_at: null,
          status_changed_at: null,
        })
        .execute();
      feeds.push(token);
    }
    const episode = { id: ids[0] as string, audio_type: 'audio/mpeg', transcript_type: null };
    return { showId, episode, feeds };
  } finally {
    await database.close();
  }
}

function fetchRange(url: string, agent: Agent, start: number): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const headers = {
      range: `bytes=${start}-${start + PIECE - 1}`,
      'user-agent': 'Overcast/3.0 (+http://overcast.fm/)',
    };
    get(url, { agent, headers }, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

/** One client: random 1 MiB ranges, one after another, until the deadline; anything but a full 206 is bad. */
async function rangeClient(url: string, deadline: number, agent: Agent) {
  let bytes = 0;
  let requests = 0;
  let bad = 0;
  while (performance.now() < deadline) {
    const start = Math.floor(Math.random() * (EPISODE_BYTES / PIECE)) * PIECE;
    const r = await fetchRange(url, agent, start);
    bytes += r.bytes;
    requests++;
    if (r.status !== 206 || r.bytes !== PIECE) bad++;
  }
  return { bytes, requests, bad };
}

async function benchRanges(base: string, pid: number | undefined, seeded: Seeded) {
  // Different listeners' feeds: each client its own enclosure URL (and access check).
  const urls = seeded.feeds
    .slice(0, CLIENTS)
    .map((token) => base + privateAudioPath(seeded.showId, token, seeded.episode));
  await sleep(2000);
  const before = rssMb(pid);
  let peak = before;
  const quarters: number[] = [];
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 100);
  const quarterly = setInterval(() => quarters.push(rssMb(pid)), (SECONDS * 1000) / 4);
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  const t0 = performance.now();
  const results = await Promise.all(urls.map((url) => rangeClient(url, t0 + SECONDS * 1000, agent)));
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  clearInterval(quarterly);
  agent.destroy();
  await sleep(3000);
  const after = rssMb(pid);
  const total = results.reduce(
    (a, r) => ({ bytes: a.bytes + r.bytes, requests: a.requests + r.requests, bad: a.bad + r.bad }),
    { bytes: 0, requests: 0, bad: 0 },
  );
  record({
    measure: `episode ranges: ${CLIENTS} clients, random 1 MiB of ${EPISODE_BYTES / 2 ** 20} MB`,
    value: total.requests / seconds,
    unit: 'req/s',
    note: `${total.bad} not a full 206`,
  });
  record({
    measure: 'episode range throughput',
    value: total.bytes / 2 ** 20 / seconds,
    unit: 'MiB/s',
    note: `${(total.bytes / 2 ** 30).toFixed(1)} GiB in ${seconds.toFixed(1)} s`,
  });
  record({
    measure: 'RSS before / peak during / after (ranges)',
    value: peak,
    unit: 'MB',
    note: `${before.toFixed(0)} MB before, ${peak.toFixed(0)} MB peak, ${after.toFixed(0)} MB 3 s after; quarters ${quarters.map((q) => q.toFixed(0)).join(' → ')}`,
  });
}

/** wrk over many paths: a Lua script reads `path<TAB>etag` lines and sends each in turn. */
async function wrkPaths(base: string, lines: string[], withEtag: boolean, seconds: number) {
  const dir = tempDir('vf-bench-podcast-wrk-');
  const list = join(dir, 'paths.txt');
  const script = join(dir, 'rotate.lua');
  writeFileSync(list, `${lines.join('\n')}\n`);
  writeFileSync(
    script,
    [
      'local paths, etags, n, i = {}, {}, 0, 0',
      `for line in io.lines("${list}") do`,
      '  local p, e = line:match("([^\\t]+)\\t(.*)")',
      '  n = n + 1; paths[n] = p; etags[n] = e',
      'end',
      'request = function()',
      '  i = i % n + 1',
      `  local h = { ["Accept-Encoding"] = "gzip" }`,
      withEtag ? '  h["If-None-Match"] = etags[i]' : '',
      '  return wrk.format("GET", paths[i], h)',
      'end',
    ].join('\n'),
  );
  const args = ['-t1', `-c${CONNECTIONS}`, `-d${seconds}s`, '--latency', '-s', script, base];
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.on('data', (c: Buffer) => (text += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`wrk exited with ${code}:\n${text}`))));
  });
  const total = Number(/(\d+) requests in/.exec(out)?.[1] ?? Number.NaN);
  const secs = /requests in ([\d.]+)(m?s)/.exec(out);
  const elapsed = secs ? Number(secs[1]) / (secs[2] === 'ms' ? 1000 : 1) : seconds;
  const ms = (label: string) => {
    const m = new RegExp(`^\\s*${label}%\\s+([\\d.]+)(us|ms|s)\\b`, 'm').exec(out);
    if (!m) return Number.NaN;
    return Number(m[1]) * (m[2] === 'us' ? 0.001 : m[2] === 's' ? 1000 : 1);
  };
  const errors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const bad = errors ? errors.slice(1).reduce((a, b) => a + Number(b), 0) : 0;
  return { rps: total / elapsed, p50: ms('50'), p99: ms('99'), bad };
}

/** Every path answers as the run expects (200 with a body, or 304 with the ETag) before its speed means anything. */
async function checkFeeds(base: string, paths: string[]): Promise<string[]> {
  const lines: string[] = [];
  for (const path of paths) {
    const res = await fetch(base + path, { headers: { 'accept-encoding': 'gzip' } });
    const body = await res.text();
    const etag = res.headers.get('etag') ?? '';
    if (res.status !== 200 || !body.includes('<item>')) throw new Error(`${path}: ${res.status}`);
    const again = await fetch(base + path, { headers: { 'if-none-match': etag } });
    if (again.status !== 304) throw new Error(`${path}: ${again.status} to If-None-Match`);
    lines.push(`${path}\t${etag}`);
  }
  return lines;
}

async function benchPolling(base: string, seeded: Seeded) {
  const paths = seeded.feeds.map((token) => privateFeedPath(seeded.showId, token));
  const lines = await checkFeeds(base, paths);
  const bare = await startBareFastify();
  const bareLoad = await load(`http://127.0.0.1:${bare.port}/`);
  record(loadRow('bare Fastify JSON route', bareLoad, undefined));
  // The app's own floor: every request passes its hooks (security headers, language, sessions).
  record(loadRow('GET /healthz (SELECT 1), for the app’s floor', await load(`${base}/healthz`), bareLoad.rps));
  await wrkPaths(base, lines, false, WARMUP);
  const full = await wrkPaths(base, lines, false, DURATION);
  record(loadRow(`private feeds, ${paths.length} tokens in turn (200, gzip)`, full, bareLoad.rps));
  const notModified = await wrkPaths(base, lines, true, DURATION);
  record(loadRow(`private feeds, ${paths.length} tokens with If-None-Match (304)`, notModified, bareLoad.rps));
  await stopProcess(bare.child);
}

export async function benchPodcast(): Promise<void> {
  const dataDir = tempDir('vf-bench-podcast-');
  const setup = await startVielfach(dataDir, { env: { LOG_LEVEL: 'info' } }); // the set-up link is an info line
  for (let i = 0; i < 100 && !setup.output().includes('/setup?code='); i++) await sleep(50);
  await setUpOverHttp(`http://127.0.0.1:${setup.port}`, setup.output());
  await stopProcess(setup.child);
  const secret = readFileSync(join(dataDir, 'secret.key'), 'utf8').trim();
  const t0 = performance.now();
  const seeded = await seedPodcast(dataDir, secret);
  console.log(
    `  (seeded ${FEEDS} buyers and a ${EPISODE_BYTES / 2 ** 20} MB episode in ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
  );
  const app = await startVielfach(dataDir);
  const base = `http://127.0.0.1:${app.port}`;
  await benchRanges(base, app.child.pid, seeded);
  await benchPolling(base, seeded);
  record({ measure: 'RSS after the feed polling', value: rssMb(app.child.pid), unit: 'MB', note: 'VmRSS' });
  await stopProcess(app.child);
}
