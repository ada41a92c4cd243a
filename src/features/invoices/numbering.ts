import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

/**
 * The next number of a year's sequence. The counter row is updated in the
 * caller's transaction, together with the invoice insert: PostgreSQL holds the
 * row lock until commit (concurrent issuers wait), SQLite serialises writers,
 * and a rolled-back issue gives its number back. So: no gaps, no duplicates.
 */
export async function nextInvoiceSequence(trx: Transaction<DB>, year: number): Promise<number> {
  const name = `invoice:${year}`;
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
