import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * One counter that every write to what the public pages show moves on, kept by
 * the database itself (triggers), so no code path, job, second process or
 * hand-made SQL can change a product, price, file, tier, post, setting, tax
 * rule or turnover figure without it: `web/page-cache.ts` keeps a rendered
 * page only for the counter's value it was rendered at.
 *
 * The tables are those the cached pages read (home, product page, posts,
 * membership): a public page that reads another table adds it here (a new
 * migration) or is not cached. Settings under `analytics.` (the daily salt,
 * the MRR sync's watermark) change nothing public and are left out.
 */
export const CONTENT_TABLES = [
  'products',
  'product_files',
  'file_versions',
  'product_tax_settings',
  'membership_tiers',
  'posts',
  // The VAT note on the product page depends on the year's turnover (§ 19 UStG, OSS threshold).
  'invoices',
  'exchange_rates',
] as const;

const PUBLIC_SETTING = (row: 'NEW' | 'OLD') => sql.raw(`${row}.key NOT LIKE 'analytics.%'`);

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('content_version')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await sql`INSERT INTO content_version (id, version) VALUES (1, 1)`.execute(db);
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    // The row lock this UPDATE takes is held to the commit, so the new value becomes visible
    // together with the change (a sequence would not wait for the commit).
    await sql`CREATE FUNCTION bump_content_version() RETURNS trigger AS $$
      BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; RETURN NULL; END; $$ LANGUAGE plpgsql`.execute(
      db,
    );
    await addContentVersionTriggers(db, CONTENT_TABLES);
    await sql`CREATE TRIGGER settings_content_version AFTER INSERT OR UPDATE ON settings FOR EACH ROW
      WHEN (${PUBLIC_SETTING('NEW')}) EXECUTE FUNCTION bump_content_version()`.execute(db);
    await sql`CREATE TRIGGER settings_content_version_delete AFTER DELETE ON settings FOR EACH ROW
      WHEN (${PUBLIC_SETTING('OLD')}) EXECUTE FUNCTION bump_content_version()`.execute(db);
    return;
  }
  await addContentVersionTriggers(db, CONTENT_TABLES);
  const bump = sql`UPDATE content_version SET version = version + 1 WHERE id = 1;`;
  for (const [event, row] of [
    ['INSERT', 'NEW'],
    ['UPDATE', 'NEW'],
    ['DELETE', 'OLD'],
  ] as const) {
    await sql`CREATE TRIGGER ${sql.raw(`settings_content_version_${event.toLowerCase()}`)} AFTER ${sql.raw(event)}
      ON settings WHEN ${PUBLIC_SETTING(row)} BEGIN ${bump} END`.execute(db);
  }
}

/** Makes every write to these tables move the content version on (later migrations add their public tables with it). */
export async function addContentVersionTriggers(db: Kysely<unknown>, tables: readonly string[]): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    for (const table of tables) {
      await sql`CREATE TRIGGER ${sql.raw(`${table}_content_version`)} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
        ON ${sql.table(table)} FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version()`.execute(db);
    }
    return;
  }
  const bump = sql`UPDATE content_version SET version = version + 1 WHERE id = 1;`;
  for (const table of tables) {
    for (const event of ['INSERT', 'UPDATE', 'DELETE'] as const) {
      await sql`CREATE TRIGGER ${sql.raw(`${table}_content_version_${event.toLowerCase()}`)} AFTER ${sql.raw(event)}
        ON ${sql.table(table)} BEGIN ${bump} END`.execute(db);
    }
  }
}

/** Drops what `addContentVersionTriggers` made. */
export async function dropContentVersionTriggers(db: Kysely<unknown>, tables: readonly string[]): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const names = postgres
    ? tables.map((t) => [t, `${t}_content_version`])
    : tables.flatMap((t) => ['insert', 'update', 'delete'].map((e) => [t, `${t}_content_version_${e}`]));
  for (const [table, name] of names) {
    await sql`DROP TRIGGER IF EXISTS ${sql.raw(name as string)}${postgres ? sql` ON ${sql.table(table as string)}` : sql``}`.execute(
      db,
    );
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await dropContentVersionTriggers(db, CONTENT_TABLES);
  const settings = postgres
    ? ['settings_content_version', 'settings_content_version_delete']
    : ['insert', 'update', 'delete'].map((e) => `settings_content_version_${e}`);
  for (const name of settings) {
    await sql`DROP TRIGGER IF EXISTS ${sql.raw(name)}${postgres ? sql` ON settings` : sql``}`.execute(db);
  }
  if (postgres) await sql`DROP FUNCTION IF EXISTS bump_content_version()`.execute(db);
  await db.schema.dropTable('content_version').execute();
}
