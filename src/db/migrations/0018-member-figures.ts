import type { Kysely } from 'kysely';

/**
 * The dashboards' free-member count: confirmed subscribers are counted from
 * this index alone (status, then whether confirmed), never from the table.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('members_confirmed_status')
    .on('members')
    .columns(['email_status', 'confirmed_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('members_confirmed_status').execute();
}
