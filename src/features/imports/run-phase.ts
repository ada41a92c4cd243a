import type { Kysely, Transaction } from 'kysely';
import type { DB, ImportRun } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { getStoreSettings } from '../settings/store-settings.js';
import type { Storage } from '../storage/storage.js';
import { applyLine } from './apply-line.js';
import { parserFor } from './detect.js';
import { type ApplyContext, type DryOverlay, type LineOutcome, PLATFORM_NAMES } from './outcome.js';
import type { ImportParser, ImportSource, ParsedLine } from './records.js';
import { parseSummary, summarise } from './summary.js';

export type Phase = 'dry' | 'real';

/** Lines per transaction: big enough to be fast, small enough not to hold the store's writers long. */
export const BATCH_LINES = 500;

/** The dry run's writes are thrown away with this. */
class RollBack extends Error {}

export type RunPhaseOptions = {
  db: Kysely<DB>;
  storage: Storage;
  runId: string;
  phase: Phase;
  batchLines?: number;
  /** Tests: stop (as a crash would) after this many batches. */
  stopAfterBatches?: number;
  parsers?: readonly ImportParser[];
};

/**
 * Streams the stored export through its parser and applies it batch by
 * batch: only one batch of records is ever held. Each batch's verdicts and
 * the progress (last line done) commit together, so a job that dies goes on
 * after the last committed line. The dry run applies each batch in a
 * transaction that is rolled back and keeps only the verdicts (and, for
 * later batches, the names of what it would have created).
 */
export async function runPhase(opts: RunPhaseOptions): Promise<'done' | 'stopped' | 'not-ready'> {
  const { db, runId, phase } = opts;
  const run = await db.selectFrom('import_runs').selectAll().where('id', '=', runId).executeTakeFirst();
  if (!run || run.status !== (phase === 'dry' ? 'uploaded' : 'importing')) return 'not-ready';
  const parser = parserFor(run.source, run.export_name, opts.parsers);
  if (!parser) {
    await failRun(db, runId, 'unknown_export');
    return 'done';
  }
  const settings = await getStoreSettings(db);
  const base = { source: run.source as ImportSource, runId, locale: settings.locale, currency: settings.currency };
  const size = opts.batchLines ?? BATCH_LINES;
  let batch: ParsedLine[] = [];
  let batches = 0;
  for await (const parsed of parser.parse(opts.storage.read(run.file_key))) {
    if (parsed.line <= run.last_line) continue;
    batch.push(parsed);
    if (batch.length < size) continue;
    await applyBatch(db, run, phase, base, batch);
    batch = [];
    if (opts.stopAfterBatches !== undefined && ++batches >= opts.stopAfterBatches) return 'stopped';
  }
  if (batch.length > 0) await applyBatch(db, run, phase, base, batch);
  await finishPhase(db, run, phase);
  // The export holds every buyer's data: once imported, it is not kept.
  if (phase === 'real') await opts.storage.delete(run.file_key);
  return 'done';
}

async function applyBatch(
  db: Kysely<DB>,
  run: ImportRun,
  phase: Phase,
  base: Omit<ApplyContext, 'trx' | 'now' | 'overlay' | 'platform'>,
  batch: readonly ParsedLine[],
): Promise<void> {
  const now = isoNow();
  const ctxOf = (trx: Transaction<DB>, overlay: DryOverlay | null): ApplyContext => ({
    ...base,
    trx,
    now,
    overlay,
    platform: PLATFORM_NAMES[base.source],
  });
  if (phase === 'real') {
    await db.transaction().execute(async (trx) => {
      const outcomes: LineOutcome[] = [];
      for (const parsed of batch) outcomes.push(await applyLine(ctxOf(trx, null), parsed));
      await saveBatch(trx, run.id, phase, outcomes);
    });
    return;
  }
  const overlay = batchOverlay(run.id);
  const outcomes: LineOutcome[] = [];
  try {
    await db.transaction().execute(async (trx) => {
      for (const parsed of batch) outcomes.push(await applyLine(ctxOf(trx, overlay), parsed));
      throw new RollBack();
    });
  } catch (err) {
    if (!(err instanceof RollBack)) throw err;
  }
  await db.transaction().execute(async (trx) => {
    await overlay.flush(trx);
    // Verdicts only: what a dry line would have created has no id.
    await saveBatch(
      trx,
      run.id,
      phase,
      outcomes.map((o) => ({ ...o, entityId: null })),
    );
  });
}

/** The dry run's memory of what its rolled-back batches created (see DryOverlay). */
function batchOverlay(runId: string): DryOverlay & { flush(trx: Transaction<DB>): Promise<void> } {
  const pending = new Map<string, string>();
  return {
    async get(trx, key) {
      const row = await trx
        .selectFrom('import_dry_keys')
        .select('value')
        .where('run_id', '=', runId)
        .where('key', '=', key)
        .executeTakeFirst();
      return row?.value;
    },
    set(key, value = '') {
      pending.set(key, value);
    },
    async flush(trx) {
      const rows = [...pending].map(([key, value]) => ({ run_id: runId, key, value }));
      for (let i = 0; i < rows.length; i += 200)
        await trx
          .insertInto('import_dry_keys')
          .values(rows.slice(i, i + 200))
          .onConflict((oc) => oc.columns(['run_id', 'key']).doUpdateSet((eb) => ({ value: eb.ref('excluded.value') })))
          .execute();
    },
  };
}

/** A batch's verdicts, counters and progress, in one transaction. */
async function saveBatch(trx: Transaction<DB>, runId: string, phase: Phase, outcomes: readonly LineOutcome[]) {
  const rows = outcomes.map((o) => ({
    run_id: runId,
    phase,
    line: o.line,
    action: o.action,
    reason: o.reason,
    effects: o.effects.join(','),
    entity_type: o.entityType,
    entity_id: o.entityId,
    detail: o.detail,
  }));
  for (let i = 0; i < rows.length; i += 100)
    await trx
      .insertInto('import_lines')
      .values(rows.slice(i, i + 100))
      .onConflict((oc) => oc.columns(['run_id', 'phase', 'line']).doNothing())
      .execute();
  const run = await trx
    .selectFrom('import_runs')
    .select(['dry_summary', 'summary', 'rows_done'])
    .where('id', '=', runId)
    .executeTakeFirstOrThrow();
  const column = phase === 'dry' ? 'dry_summary' : 'summary';
  const summary = summarise(outcomes, parseSummary(run[column]));
  await trx
    .updateTable('import_runs')
    .set({
      [column]: JSON.stringify(summary),
      rows_done: Number(run.rows_done) + outcomes.length,
      last_line: outcomes.reduce((m, o) => Math.max(m, o.line), 0),
      updated_at: isoNow(),
    })
    .where('id', '=', runId)
    .execute();
}

async function finishPhase(db: Kysely<DB>, run: ImportRun, phase: Phase): Promise<void> {
  const now = isoNow();
  await db.transaction().execute(async (trx) => {
    const { rows_done } = await trx
      .selectFrom('import_runs')
      .select('rows_done')
      .where('id', '=', run.id)
      .executeTakeFirstOrThrow();
    if (phase === 'dry') {
      await trx.deleteFrom('import_dry_keys').where('run_id', '=', run.id).execute();
      await trx
        .updateTable('import_runs')
        .set({ status: 'dry_run_ready', rows_total: Number(rows_done), dry_run_at: now, updated_at: now })
        .where('id', '=', run.id)
        .where('status', '=', 'uploaded')
        .execute();
      return;
    }
    await trx
      .updateTable('import_runs')
      .set({ status: 'done', finished_at: now, updated_at: now })
      .where('id', '=', run.id)
      .where('status', '=', 'importing')
      .execute();
  });
}

export async function failRun(db: Kysely<DB>, runId: string, error: string): Promise<void> {
  const now = isoNow();
  await db
    .updateTable('import_runs')
    .set({ status: 'failed', error: error.slice(0, 500), finished_at: now, updated_at: now })
    .where('id', '=', runId)
    .where('status', 'in', ['uploaded', 'importing'])
    .execute();
}
