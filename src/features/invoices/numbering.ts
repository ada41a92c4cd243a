import type { Transaction } from 'kysely';
import { nextGapFreeNumber } from '../../db/gap-free-sequence.js';
import type { DB } from '../../db/schema.js';

/** The next number of a year's invoice sequence (invoices and credit notes share it), gap-free. */
export function nextInvoiceSequence(trx: Transaction<DB>, year: number): Promise<number> {
  return nextGapFreeNumber(trx, `invoice:${year}`);
}
