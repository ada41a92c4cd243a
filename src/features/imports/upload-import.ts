import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { enqueueJob } from '../../jobs/queue.js';
import { recordAudit } from '../admin/audit.js';
import { type Storage, TooLargeError } from '../storage/storage.js';
import { detectParser } from './detect.js';
import { runImportJob } from './job-contracts.js';
import type { ImportParser } from './records.js';

/** Exports larger than this are refused (a 100,000-line Gumroad export is about 60 MB). */
export const IMPORT_MAX_BYTES = 200 * 1024 * 1024;

export type UploadResult =
  | { kind: 'ok'; runId: string }
  | { kind: 'missing' | 'empty' | 'unreadable' }
  | { kind: 'too-large'; maxBytes: number }
  | { kind: 'missing-columns'; exportName: string; columns: string[] };

/**
 * Streams the export into storage (never whole in memory, refused past the
 * limit), tells which platform's export it is by its header, and queues the
 * dry run. A file no parser takes is deleted again, with the reason.
 */
export async function uploadImport(opts: {
  db: Kysely<DB>;
  storage: Storage;
  upload: { filename: string; stream: Readable } | undefined;
  actor: string;
  maxBytes?: number;
  parsers?: readonly ImportParser[];
}): Promise<UploadResult> {
  if (!opts.upload) return { kind: 'missing' };
  const maxBytes = opts.maxBytes ?? IMPORT_MAX_BYTES;
  let stored: Awaited<ReturnType<Storage['put']>>;
  try {
    stored = await opts.storage.put(opts.upload.stream, { maxBytes, prefix: 'imports' });
  } catch (err) {
    if (err instanceof TooLargeError) return { kind: 'too-large', maxBytes };
    throw err;
  }
  if (stored.sizeBytes === 0) return discard(opts.storage, stored.key, { kind: 'empty' });
  const found = await detectParser(() => opts.storage.read(stored.key), opts.parsers);
  if (found.kind === 'missing-columns')
    return discard(opts.storage, stored.key, {
      kind: 'missing-columns',
      exportName: `${found.parser.source}: ${found.parser.exportName}`,
      columns: found.columns,
    });
  if (found.kind !== 'found') return discard(opts.storage, stored.key, { kind: found.kind });
  const runId = randomUUID();
  const now = isoNow();
  await opts.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('import_runs')
      .values({
        id: runId,
        source: found.parser.source,
        export_name: found.parser.exportName,
        file_key: stored.key,
        file_name: opts.upload!.filename.slice(0, 200),
        file_bytes: stored.sizeBytes,
        status: 'uploaded',
        rows_total: null,
        error: null,
        created_by: opts.actor,
        created_at: now,
        updated_at: now,
        dry_run_at: null,
        started_at: null,
        finished_at: null,
      })
      .execute();
    await enqueueJob(trx, runImportJob, { runId, phase: 'dry' }, { uniqueKey: `import:${runId}:dry` });
    await recordAudit(trx, opts.actor, 'imports.uploaded', { run: runId, source: found.parser.source });
  });
  return { kind: 'ok', runId };
}

async function discard<R>(storage: Storage, key: string, result: R): Promise<R> {
  await storage.delete(key);
  return result;
}

/** The creator confirms the dry run: the import starts from the file's first line. */
export async function startImport(db: Kysely<DB>, runId: string, actor: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const now = isoNow();
    const r = await trx
      .updateTable('import_runs')
      .set({ status: 'importing', rows_done: 0, last_line: 0, started_at: now, updated_at: now })
      .where('id', '=', runId)
      .where('status', '=', 'dry_run_ready')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return false;
    await enqueueJob(trx, runImportJob, { runId, phase: 'real' }, { uniqueKey: `import:${runId}:real` });
    await recordAudit(trx, actor, 'imports.started', { run: runId });
    return true;
  });
}
