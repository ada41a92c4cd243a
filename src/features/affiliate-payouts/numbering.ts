import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

/**
 * The next credit note number of a year: a sequence of its own in `counters`
 * (`affiliate-credit-note:<year>`), apart from the invoices' (invoices/numbering.ts
 * names its sequence itself, so it is mirrored here rather than reused). The
 * counter moves in the caller's transaction with the payout insert: a payout
 * that rolls back gives its number back, concurrent runs wait for the row
 * lock (PostgreSQL) or the write lock (SQLite). No gaps, no duplicates.
 */
export async function nextCreditNoteSequence(trx: Transaction<DB>, year: number): Promise<number> {
  const name = `affiliate-credit-note:${year}`;
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
