import type { Transaction } from 'kysely';
import type { DB, Db } from '../../db/schema.js';

/** Whose data a privacy request is about: the normalised address and the ids of its orders. */
export type DataSubject = { address: string; orderIds: readonly string[] };

/**
 * A feature's share of Art. 15/17/20 GDPR, listed in its `feature.ts`:
 * `export` returns what it stores about the subject as named lists (keyed by
 * the address or the subject's own orders only, so nobody else's data can
 * appear); `erase` removes or blanks what need not be kept, in the erasure's
 * transaction, and returns counts for the report.
 */
export type PrivacyPart = {
  export?: (db: Db, who: DataSubject) => Promise<Record<string, unknown>>;
  erase?: (trx: Transaction<DB>, address: string, now: string) => Promise<Record<string, number>>;
};
