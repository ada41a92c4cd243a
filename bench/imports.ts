// A 100,000-line Gumroad sales export on SQLite: uploaded (streamed into
// storage, header detected), dry run and import through the real job path
// (the Worker, batches of 500 lines per transaction). Reports lines per
// second of each phase, total time, and the process's RSS before and at its
// peak (sampled every 50 ms), so "bounded memory" is a number. Bounded to 5
// minutes. `npm run bench -- imports`, or `node --import tsx bench/imports.ts`.
// Settings: BENCH_IMPORT_LINES (default 100000), BENCH_IMPORT_SECONDS (time bound, default 300).

import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { startImport, uploadImport } from '../src/features/imports/upload-import.js';
import { buildTestApp, setUpStore, TEST_ADMIN } from '../src/testing/app.js';
import type { Row } from './lib.js';

const LINES = Number(process.env.BENCH_IMPORT_LINES ?? 100_000);
const TIME_LIMIT_MS = Number(process.env.BENCH_IMPORT_SECONDS ?? 300) * 1000;

/** The export, generated as a stream: 20,000 buyers, 50 products, every other sale with a licence key, 1 in 50 refunded. */
function gumroadExport(lines: number): Readable {
  const fixture = readFileSync(new URL('../src/features/imports/fixtures/gumroad-sales.csv', import.meta.url), 'utf8');
  const [header, first] = fixture.split('\n');
  const template = first!.split(',');
  return Readable.from(
    (function* () {
      yield `${header}\n`;
      for (let start = 0; start < lines; start += 1000) {
        const chunk: string[] = [];
        for (let i = start; i < Math.min(lines, start + 1000); i++) {
          const row = [...template];
          row[0] = `bench${i}`;
          row[1] = `Bench product ${i % 50}`;
          row[3] = `buyer${i % 20_000}@example.com`;
          row[4] = row[3];
          row[25] = i % 50 === 49 ? '1' : '0';
          row[34] = `bp${i % 50}`;
          row[51] = i % 2 === 0 ? `BENCH-${i}-KEY` : '';
          chunk.push(row.join(','));
        }
        yield `${chunk.join('\n')}\n`;
      }
    })(),
  );
}

/** Lines done so far by the run's current phase (for the progress lines and a report at the time limit). */
async function progress(t: Awaited<ReturnType<typeof buildTestApp>>, runId: string) {
  return t.services.database.db
    .selectFrom('import_runs')
    .select(['status', 'rows_done'])
    .where('id', '=', runId)
    .executeTakeFirst();
}

export async function benchImports(): Promise<Row[]> {
  const t = await buildTestApp();
  const mb = (n: number) => Math.round(n / 1024 / 1024);
  const s = (ms: number) => ms / 1000;
  let runId = '';
  let phaseStart = 0;
  const deadline = Date.now() + TIME_LIMIT_MS;
  try {
    await setUpStore(t.services);
    const { db } = t.services.database;
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 50);
    // The progress bar's figure, as the page shows it, every 10 s; past the time limit the run is reported and stopped.
    const reporter = setInterval(async () => {
      const p = runId ? await progress(t, runId) : undefined;
      if (p) console.log(`  … ${p.status}: ${p.rows_done} lines, RSS ${mb(process.memoryUsage().rss)} MB`);
      if (Date.now() > deadline) {
        const rate = p ? Math.round(Number(p.rows_done) / s(performance.now() - phaseStart)) : 0;
        console.log(
          `  over 5 minutes: aborted in phase ${p?.status} at ${p?.rows_done} lines (${rate} lines/s), RSS peak ${mb(peak)} MB (before ${mb(before)} MB)`,
        );
        process.exit(2);
      }
    }, 10_000);
    const t0 = performance.now();
    const up = await uploadImport({
      db,
      storage: t.services.storage,
      upload: { filename: 'sales.csv', stream: gumroadExport(LINES) },
      actor: TEST_ADMIN.email,
    });
    if (up.kind !== 'ok') throw new Error(`upload refused: ${up.kind}`);
    runId = up.runId;
    const t1 = performance.now();
    phaseStart = t1;
    await t.drainJobs(); // the dry run
    const t2 = performance.now();
    if (!(await startImport(db, up.runId, TEST_ADMIN.email))) throw new Error('dry run not ready');
    phaseStart = t2;
    await t.drainJobs(); // the import
    const t3 = performance.now();
    clearInterval(sampler);
    clearInterval(reporter);
    const run = await db.selectFrom('import_runs').selectAll().where('id', '=', up.runId).executeTakeFirstOrThrow();
    if (run.status !== 'done') throw new Error(`import ended ${run.status}: ${run.error}`);
    const orders = await db
      .selectFrom('orders')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const rows: Row[] = [
      { measure: `imports: upload ${LINES} lines (stream + header check)`, value: s(t1 - t0), unit: 's' },
      {
        measure: 'imports: dry run',
        value: Math.round(LINES / s(t2 - t1)),
        unit: 'lines/s',
        note: `${s(t2 - t1).toFixed(1)} s`,
      },
      {
        measure: 'imports: import',
        value: Math.round(LINES / s(t3 - t2)),
        unit: 'lines/s',
        note: `${s(t3 - t2).toFixed(1)} s, ${orders.n} orders`,
      },
      { measure: 'imports: total (upload, dry run, import)', value: s(t3 - t0), unit: 's' },
      { measure: 'imports: RSS before', value: mb(before), unit: 'MB' },
      { measure: 'imports: RSS peak during the run', value: mb(peak), unit: 'MB', note: `+${mb(peak - before)} MB` },
    ];
    for (const r of rows) console.log(`  ${r.measure}: ${r.value} ${r.unit}${r.note ? `  (${r.note})` : ''}`);
    return rows;
  } finally {
    await t.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchImports();
