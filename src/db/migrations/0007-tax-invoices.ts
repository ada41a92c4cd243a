import { type Kysely, PostgresAdapter, sql } from 'kysely';

/** Tax settings per product, VIES consultations, invoices (immutable) and their stored documents. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('product_tax_settings')
    .addColumn('product_id', 'text', (c) => c.primaryKey().references('products.id').onDelete('cascade'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('place_country', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('vies_checks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('vat_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('consultation_number', 'text')
    .addColumn('name', 'text')
    .addColumn('address', 'text')
    .addColumn('error', 'text')
    .addColumn('request', 'text', (c) => c.notNull())
    .addColumn('response', 'text', (c) => c.notNull())
    .addColumn('checked_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('vies_checks_vat_id').on('vies_checks').columns(['vat_id', 'checked_at']).execute();

  await db.schema
    .createTable('invoices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('unique_key', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('original_invoice_id', 'text')
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('supply_date', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('scheme', 'text', (c) => c.notNull())
    .addColumn('tax_country', 'text')
    .addColumn('buyer_country', 'text', (c) => c.notNull())
    .addColumn('buyer_vat_id', 'text')
    .addColumn('seller', 'text', (c) => c.notNull())
    .addColumn('buyer', 'text', (c) => c.notNull())
    .addColumn('lines', 'text', (c) => c.notNull())
    .addColumn('breakdown', 'text', (c) => c.notNull())
    .addColumn('net_minor', 'integer', (c) => c.notNull())
    .addColumn('tax_minor', 'integer', (c) => c.notNull())
    .addColumn('gross_minor', 'integer', (c) => c.notNull())
    .addUniqueConstraint('invoices_year_sequence', ['year', 'sequence'])
    .execute();
  await db.schema.createIndex('invoices_order').on('invoices').column('order_id').execute();
  await db.schema.createIndex('invoices_issued').on('invoices').column('issued_at').execute();

  await db.schema
    .createTable('invoice_documents')
    .addColumn('invoice_id', 'text', (c) => c.notNull().references('invoices.id'))
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('invoice_documents_pk', ['invoice_id', 'format'])
    .execute();

  // Issued invoices are records (GoBD): the database itself refuses to change or delete them.
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`CREATE FUNCTION invoices_immutable() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION 'invoices are immutable'; END; $$ LANGUAGE plpgsql`.execute(db);
    await sql`CREATE TRIGGER invoices_no_change BEFORE UPDATE OR DELETE ON invoices
      FOR EACH ROW EXECUTE FUNCTION invoices_immutable()`.execute(db);
  } else {
    await sql`CREATE TRIGGER invoices_no_update BEFORE UPDATE ON invoices
      BEGIN SELECT RAISE(ABORT, 'invoices are immutable'); END`.execute(db);
    await sql`CREATE TRIGGER invoices_no_delete BEFORE DELETE ON invoices
      BEGIN SELECT RAISE(ABORT, 'invoices are immutable'); END`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`DROP TRIGGER IF EXISTS invoices_no_change ON invoices`.execute(db);
    await sql`DROP FUNCTION IF EXISTS invoices_immutable()`.execute(db);
  }
  for (const t of ['invoice_documents', 'invoices', 'vies_checks', 'product_tax_settings']) {
    await db.schema.dropTable(t).execute();
  }
}
