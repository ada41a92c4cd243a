import type { Insertable, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

/**
 * Rows in multi-row inserts of at most 400 (far below SQLite's and
 * PostgreSQL's limits on bound values), so a year of demo history is
 * written in a fraction of a second.
 */
export async function insertRows<T extends keyof DB & string>(
  trx: Transaction<DB>,
  table: T,
  rows: readonly Insertable<DB[T]>[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 400) {
    await trx
      .insertInto(table)
      // biome-ignore lint/suspicious/noExplicitAny: Kysely cannot type a table chosen by a generic; callers' rows are typed
      .values(rows.slice(i, i + 400) as any)
      .execute();
  }
}
