import type { Transaction } from 'kysely';
import { nextGapFreeNumber } from '../../db/gap-free-sequence.js';
import type { DB } from '../../db/schema.js';

/**
 * The next credit note number of a year: a gap-free sequence of its own
 * (`affiliate-credit-note:<year>`), apart from the invoices', moved in the
 * caller's transaction with the payout insert.
 */
export function nextCreditNoteSequence(trx: Transaction<DB>, year: number): Promise<number> {
  return nextGapFreeNumber(trx, `affiliate-credit-note:${year}`);
}
