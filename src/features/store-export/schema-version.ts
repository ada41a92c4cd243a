import { sql } from 'kysely';
import type { Db } from '../../db/schema.js';

/** The newest migration the database has run (Kysely's own record), so an import knows which shape the rows have. */
export async function schemaVersionOf(db: Db): Promise<string> {
  const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name desc limit 1`.execute(
    db,
  );
  return rows[0]?.name ?? '';
}
