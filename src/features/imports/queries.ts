import type { Kysely } from 'kysely';
import type { DB, ImportLine, ImportRun } from '../../db/schema.js';

export const LINES_PER_PAGE = 50;

export function listRuns(db: Kysely<DB>, limit = 20): Promise<ImportRun[]> {
  return db.selectFrom('import_runs').selectAll().orderBy('created_at', 'desc').limit(limit).execute();
}

export function findRun(db: Kysely<DB>, id: string): Promise<ImportRun | undefined> {
  return db.selectFrom('import_runs').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The phase a run's page shows: the import's lines once it started, the dry run's before. */
export function shownPhase(run: Pick<ImportRun, 'status' | 'started_at'>): 'dry' | 'real' {
  return run.started_at ? 'real' : 'dry';
}

/** One page of a run's lines in line order, optionally of one action; one row more tells whether a next page exists. */
export async function listLines(
  db: Kysely<DB>,
  runId: string,
  opts: { phase: 'dry' | 'real'; action: 'create' | 'merge' | 'skip' | null; page: number },
): Promise<{ rows: ImportLine[]; hasNext: boolean }> {
  let q = db.selectFrom('import_lines').selectAll().where('run_id', '=', runId).where('phase', '=', opts.phase);
  if (opts.action) q = q.where('action', '=', opts.action);
  const rows = await q
    .orderBy('line')
    .limit(LINES_PER_PAGE + 1)
    .offset((opts.page - 1) * LINES_PER_PAGE)
    .execute();
  return { rows: rows.slice(0, LINES_PER_PAGE), hasNext: rows.length > LINES_PER_PAGE };
}
