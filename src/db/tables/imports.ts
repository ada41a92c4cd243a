import type { Generated, Selectable } from 'kysely';

/** Imports from other platforms (features/imports). */

/** uploaded (dry run queued or running) → dry_run_ready → importing → done; failed from any. */
export type ImportRunStatus = 'uploaded' | 'dry_run_ready' | 'importing' | 'done' | 'failed';

export interface ImportRunsTable {
  id: string;
  /** An ImportSource ('gumroad', …). */
  source: string;
  export_name: string;
  /** The uploaded export in storage (`imports/<uuid>`). */
  file_key: string;
  /** As uploaded; shown only. */
  file_name: string;
  file_bytes: number;
  status: ImportRunStatus;
  /** Lines of the file (known after the dry run). */
  rows_total: number | null;
  /** Lines the current phase has finished. */
  rows_done: Generated<number>;
  /** The last line the current phase committed: a resumed job continues after it. */
  last_line: Generated<number>;
  /** JSON counters (ImportSummary) of the dry run and of the import. */
  dry_summary: Generated<string>;
  summary: Generated<string>;
  error: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  dry_run_at: string | null;
  started_at: string | null;
  finished_at: string | null;
}

/** One line's verdict: 'dry' from the dry run, 'real' from the import. */
export interface ImportLinesTable {
  run_id: string;
  phase: 'dry' | 'real';
  line: number;
  action: 'create' | 'merge' | 'skip';
  /** Why a line was skipped (already_imported, refunded, invalid_email, …); null otherwise. */
  reason: string | null;
  /** Comma-separated effects: customer:create, product:match, licence:create, … */
  effects: Generated<string>;
  entity_type: string | null;
  entity_id: string | null;
  /** The parser's detail (column, value) for an invalid line. */
  detail: string | null;
}

/** UNIQUE (source, external_id): a record is imported once, whatever file brings it again. */
export interface ImportedRecordsTable {
  source: string;
  external_id: string;
  /** 'order' or 'member'. */
  entity_type: string;
  entity_id: string;
  run_id: string;
  created_at: string;
}

export interface ImportProductMapTable {
  source: string;
  product_external_id: string;
  product_id: string;
  created_at: string;
}

/** What a dry run's earlier (rolled back) batches created: `customer:<email>`, `member:<email>` → its email status, …. */
export interface ImportDryKeysTable {
  run_id: string;
  key: string;
  value: Generated<string>;
}

export type ImportRun = Selectable<ImportRunsTable>;
export type ImportLine = Selectable<ImportLinesTable>;
