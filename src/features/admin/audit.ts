import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, Db } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';

/** Who did what in the admin; kept for accountability, never edited. */
export async function recordAudit(
  db: Db,
  actor: string,
  action: string,
  detail: Record<string, unknown> = {},
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({ id: randomUUID(), actor, action, detail: JSON.stringify(detail), created_at: isoNow() })
    .execute();
}

export function listAudit(db: Kysely<DB>, limit = 200) {
  return db.selectFrom('audit_log').selectAll().orderBy('created_at', 'desc').limit(limit).execute();
}
