import type { Kysely } from 'kysely';

/**
 * State several app instances must share: the request counters of the rate limits
 * (`web/rate-limit-store.ts`), one row per route and client, counted in fixed windows.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rate_limit_hits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('hits', 'integer', (c) => c.notNull())
    // Milliseconds since the epoch: the store compares and adds window lengths in one statement.
    .addColumn('resets_at_ms', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rate_limit_hits_resets').on('rate_limit_hits').column('resets_at_ms').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('rate_limit_hits').execute();
}
