import { type Kysely, sql } from 'kysely';

/**
 * Imports from other platforms: one run per uploaded export, the verdict of
 * every line (dry run and real run), what each imported record became
 * (UNIQUE source + external id: the idempotency), and which product a
 * platform's product id was mapped to.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('import_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('export_name', 'text', (c) => c.notNull())
    .addColumn('file_key', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_bytes', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('rows_total', 'integer')
    .addColumn('rows_done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_line', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('dry_summary', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('error', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('dry_run_at', 'text')
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .addCheckConstraint(
      'import_runs_status',
      sql`status in ('uploaded', 'dry_run_ready', 'importing', 'done', 'failed')`,
    )
    .execute();
  await db.schema.createIndex('import_runs_created').on('import_runs').column('created_at').execute();

  await db.schema
    .createTable('import_lines')
    .addColumn('run_id', 'text', (c) => c.notNull().references('import_runs.id').onDelete('cascade'))
    .addColumn('phase', 'text', (c) => c.notNull())
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('effects', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('entity_type', 'text')
    .addColumn('entity_id', 'text')
    .addColumn('detail', 'text')
    .addPrimaryKeyConstraint('import_lines_pk', ['run_id', 'phase', 'line'])
    .addCheckConstraint('import_lines_phase', sql`phase in ('dry', 'real')`)
    .addCheckConstraint('import_lines_action', sql`action in ('create', 'merge', 'skip')`)
    .execute();
  // The page's filter by action, in line order.
  await db.schema
    .createIndex('import_lines_action')
    .on('import_lines')
    .columns(['run_id', 'phase', 'action', 'line'])
    .execute();

  await db.schema
    .createTable('imported_records')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('imported_records_pk', ['source', 'external_id'])
    .execute();

  await db.schema
    .createTable('import_product_map')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('product_external_id', 'text', (c) => c.notNull())
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('import_product_map_pk', ['source', 'product_external_id'])
    .execute();

  // What a dry run's earlier batches would have created (their writes were rolled back), so later lines get the same verdict the import gives them.
  await db.schema
    .createTable('import_dry_keys')
    .addColumn('run_id', 'text', (c) => c.notNull().references('import_runs.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull().defaultTo(''))
    .addPrimaryKeyConstraint('import_dry_keys_pk', ['run_id', 'key'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('import_dry_keys').ifExists().execute();
  await db.schema.dropTable('import_product_map').ifExists().execute();
  await db.schema.dropTable('imported_records').ifExists().execute();
  await db.schema.dropTable('import_lines').ifExists().execute();
  await db.schema.dropTable('import_runs').ifExists().execute();
}
