import type { Kysely } from 'kysely';

/**
 * Failed admin logins counted per (address, client IP) pair instead of per
 * account: a stranger guessing from one place is slowed down without locking
 * the owner out elsewhere, and an address nobody has is treated exactly like
 * one that exists, so the answer reveals nothing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('login_throttle')
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('login_throttle_pk', ['email', 'ip'])
    .execute();
  // Old rows are removed by age.
  await db.schema.createIndex('login_throttle_updated').on('login_throttle').column('updated_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('login_throttle').execute();
}
