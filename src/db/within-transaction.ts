import type { Kysely, Transaction } from 'kysely';
import type { DB } from './schema.js';

/**
 * Runs `fn` in the caller's transaction when `db` is one, else in a new one:
 * lets a step that must be atomic also take part in a larger unit of work
 * (the demo's year of invoices is one transaction, not 2,000).
 */
export function withinTransaction<T>(db: Kysely<DB>, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db as Transaction<DB>) : db.transaction().execute(fn);
}
