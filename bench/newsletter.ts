// The newsletter at scale: N subscribed members (default 100,000) on SQLite,
// one public post published with email, every message handed over SMTP to a
// receiver on 127.0.0.1 running in its own process (so sender and receiver do
// not share a core). Measures the whole send — fan-out, batch jobs, per-message
// rendering and SMTP — through the real Worker, the pooled transport and the
// delivery rows; reports total time, messages per second and RSS (sampled
// every 250 ms during the send, so "flat memory" is visible).
// `npm run bench -- newsletter` runs only this part; `node --import tsx bench/newsletter.ts` too.
// Settings: BENCH_NEWSLETTER_MEMBERS (default 100000), BENCH_NEWSLETTER_SECONDS (time bound, default 180),
// BENCH_SMTP_CONNECTIONS (default 5 = SMTP_MAX_CONNECTIONS), BENCH_NEWSLETTER_BATCH (default 1000),
// BENCH_WORKERS (jobs at once, default 2 = WORKER_CONCURRENCY).

import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import { loadConfig } from '../src/config.js';
import { migrateToLatest, openDatabase } from '../src/db/database.js';
import { smtpMailer } from '../src/features/email/transport.js';
import { orderCoreOf } from '../src/features/index.js';
import { savePost } from '../src/features/posts/save-post.js';
import { completeSetup } from '../src/features/setup/complete-setup.js';
import { localStorageIn } from '../src/features/storage/storage.js';
import { allJobs } from '../src/jobs/registry.js';
import { Worker } from '../src/jobs/worker.js';
import type { Services } from '../src/services.js';

export type NewsletterRow = { measure: string; value: number | null; unit: string; note?: string };

const MEMBERS = Number(process.env.BENCH_NEWSLETTER_MEMBERS ?? 100_000);
const LIMIT_S = Number(process.env.BENCH_NEWSLETTER_SECONDS ?? 180);
const CONNECTIONS = Number(process.env.BENCH_SMTP_CONNECTIONS ?? 5);
const BATCH = Number(process.env.BENCH_NEWSLETTER_BATCH ?? 1000);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);

// ------------------------------------------------------------ the receiver (child process)

/** Accepts every message and counts it; answers `count` over IPC. */
function runSink(): void {
  let count = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    maxClients: 200,
    onData(stream, _session, cb) {
      stream.on('data', () => {});
      stream.on('end', () => {
        count++;
        cb();
      });
    },
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.server.address();
    process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
  });
  process.on('message', (m) => {
    if (m === 'count') process.send?.({ count });
  });
  process.on('disconnect', () => process.exit(0));
}

type Sink = { port: number; child: ChildProcess; count: () => Promise<number> };

async function startSink(): Promise<Sink> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'newsletter.ts'), '--smtp-sink'],
    {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { port: number }).port));
    child.once('exit', () => reject(new Error('SMTP receiver exited')));
  });
  const count = () =>
    new Promise<number>((resolve) => {
      child.once('message', (m) => resolve((m as { count: number }).count));
      child.send('count');
    });
  return { port, child, count };
}

// ------------------------------------------------------------ the sender (this process)

/** User + system CPU seconds of a process (Linux /proc; 0 elsewhere). */
function processCpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

function rssMb(): number {
  return process.memoryUsage.rss() / 2 ** 20;
}

export async function benchNewsletter(): Promise<NewsletterRow[]> {
  const rows: NewsletterRow[] = [];
  const record = (row: NewsletterRow) => {
    rows.push(row);
    console.log(
      `  ${row.measure}: ${row.value === null ? 'skipped' : `${row.value} ${row.unit}`}${row.note ? `  (${row.note})` : ''}`,
    );
  };
  const dir = mkdtempSync(join(tmpdir(), 'vf-bench-newsletter-'));
  const sink = await startSink();
  const database = await openDatabase(`sqlite:${join(dir, 'vielfach.db')}`);
  try {
    await migrateToLatest(database.db);
    await completeSetup(database.db, {
      email: 'owner@example.com',
      password: 'correct horse battery',
      storeName: 'Bench Letters',
      locale: 'en',
      currency: 'EUR',
      demo: false,
    });

    const seedStart = performance.now();
    const now = new Date().toISOString();
    for (let i = 0; i < MEMBERS; i += 1000) {
      const chunk = Array.from({ length: Math.min(1000, MEMBERS - i) }, (_, k) => ({
        id: randomUUID(),
        email: `reader${i + k}@bench.example`,
        name: (i + k) % 3 === 0 ? '' : `Reader ${i + k}`,
        locale: (i + k) % 4 === 0 ? 'de' : 'en',
        customer_id: null,
        email_status: 'subscribed' as const,
        source: 'import' as const,
        created_at: now,
        confirmed_at: now,
        unsubscribed_at: null,
        updated_at: now,
      }));
      await database.db.insertInto('members').values(chunk).execute();
    }
    console.log(
      `  (seeded ${MEMBERS.toLocaleString('en-US')} members in ${((performance.now() - seedStart) / 1000).toFixed(1)} s)`,
    );

    const config = {
      ...loadConfig({
        DATA_DIR: dir,
        LOG_LEVEL: 'silent',
        PUBLIC_URL: 'https://letters.example',
        NEWSLETTER_BATCH_SIZE: String(BATCH),
      }),
      databaseUrl: `sqlite:${join(dir, 'vielfach.db')}`,
      sessionSecret: 'bench-secret-bench-secret-bench-secret-01',
    };
    const log = pino({ level: 'silent' });
    const services: Services = {
      config,
      database,
      mailer: smtpMailer(`smtp://127.0.0.1:${sink.port}?tls=off`, { maxConnections: CONNECTIONS }),
      storage: localStorageIn(dir),
      log,
      orders: orderCoreOf(),
      nudgeWorker: () => {},
    };
    const worker = new Worker({ services, jobs: allJobs, concurrency: WORKERS, leaseMs: 60_000, log });
    services.nudgeWorker = () => worker.nudge();

    global.gc?.();
    const rssBefore = rssMb();
    const body = [
      '## This week',
      '',
      'Rates, **markets** and one chart.',
      '',
      ...Array.from({ length: 30 }, (_, i) => `Paragraph ${i}: ${'lorem ipsum dolor sit amet '.repeat(8)}`),
    ].join('\n\n');
    const cpuBefore = process.cpuUsage();
    const sinkCpuBefore = processCpuSeconds(sink.child.pid);
    const started = performance.now();
    const result = await savePost(database.db, {
      input: {
        title: 'Market letter 1',
        slug: 'market-letter-1',
        excerpt: 'This week',
        bodyMd: body,
        visibility: 'public',
        tierIds: [],
        sendEmail: true,
        action: 'publish',
        publishAt: null,
      },
      actor: 'bench',
    });
    if (result.kind !== 'ok') throw new Error('publishing failed');
    worker.start();

    let peak = rssBefore;
    const samples: number[] = [];
    let status = 'fanning-out';
    while (status !== 'done' && performance.now() - started < LIMIT_S * 1000) {
      await new Promise((r) => setTimeout(r, 250));
      const rss = rssMb();
      samples.push(rss);
      peak = Math.max(peak, rss);
      status = (await database.db.selectFrom('post_sends').select('status').executeTakeFirstOrThrow()).status;
    }
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const sinkCpu = processCpuSeconds(sink.child.pid) - sinkCpuBefore;
    await worker.stop();
    const counts = await database.db
      .selectFrom('post_deliveries')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .execute();
    const sent = Number(counts.find((c) => c.status === 'sent')?.n ?? 0);
    services.mailer.close();
    const received = await sink.count();
    const finished = status === 'done';
    const mid = samples.slice(Math.floor(samples.length / 4));
    record({
      measure: `newsletter to ${MEMBERS.toLocaleString('en-US')} members over SMTP`,
      value: Math.round(seconds * 10) / 10,
      unit: 's',
      note: `${finished ? 'all sent' : `stopped after ${LIMIT_S} s`}; ${sent.toLocaleString('en-US')} sent, ${received.toLocaleString('en-US')} received; goal < 120 s; batch ${BATCH}, ${WORKERS} batch jobs at once, ${CONNECTIONS} SMTP connections`,
    });
    record({ measure: 'newsletter messages per second', value: Math.round(sent / seconds), unit: 'msg/s' });
    record({
      measure: 'newsletter peak RSS during the send',
      value: Math.round(peak),
      unit: 'MB',
      note: `${Math.round(rssBefore)} MB before; ${Math.round(Math.min(...mid))}–${Math.round(Math.max(...mid))} MB after the first quarter`,
    });
    record({
      measure: 'newsletter CPU time per message',
      value: Math.round(((cpu.user + cpu.system) / 1000 / Math.max(sent, 1)) * 1000) / 1000,
      unit: 'ms',
      note: `sender ${Math.round((cpu.user + cpu.system) / 1e6)} s, receiver ${Math.round(sinkCpu)} s of CPU for the whole send`,
    });
    const others = counts.filter((c) => c.status !== 'sent').map((c) => `${c.status} ${c.n}`);
    if (others.length) console.log(`  (other delivery states: ${others.join(', ')})`);
    return rows;
  } finally {
    await database.close();
    sink.child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv.includes('--smtp-sink')) {
  runSink();
} else if (process.argv[1]?.endsWith('newsletter.ts')) {
  benchNewsletter().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
