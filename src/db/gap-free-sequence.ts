import { sql, type Transaction } from 'kysely';
import type { DB } from './schema.js';

/**
 * The next number of a named sequence in `counters` (invoice numbers per
 * year, the affiliates' credit notes per year). The counter row is updated
 * in the caller's transaction, together with the document that takes the
 * number: PostgreSQL holds the row lock until commit (concurrent issuers
 * wait), SQLite serialises writers, and a rolled-back issue gives its number
 * back. So: no gaps, no duplicates.
 */
export async function nextGapFreeNumber(trx: Transaction<DB>, name: string): Promise<number> {
  await trx
    .insertInto('counters')
    .values({ name, value: 0 })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await trx
    .updateTable('counters')
    .set({ value: sql`value + 1` })
    .where('name', '=', name)
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}
