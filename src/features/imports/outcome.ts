import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { ImportSource } from './records.js';

/** What one line of an export does (dry run) or did (import). */
export type LineOutcome = {
  line: number;
  /** create: a new person; merge: the person existed (same email); skip: nothing written. */
  action: 'create' | 'merge' | 'skip';
  /** Why a line was skipped: already_imported, refunded, subscription_exists, or the parser's problem (invalid_email, …). */
  reason: string | null;
  /** What happened beside the person, e.g. ['customer:create', 'product:match', 'licence:create']. */
  effects: string[];
  entityType: 'order' | 'member' | null;
  entityId: string | null;
  /** The parser's column/detail for an invalid line. */
  detail: string | null;
};

export function skipped(line: number, reason: string, detail: string | null = null): LineOutcome {
  return { line, action: 'skip', reason, effects: [], entityType: null, entityId: null, detail };
}

/**
 * Remembers what a dry run's earlier batches created, since their writes were
 * rolled back: later lines then meet the same state the import will give
 * them (a customer twice in the file is merged the second time, in the dry
 * run as in the import). Only a batch's keys are held in memory.
 */
export type DryOverlay = {
  get(trx: Transaction<DB>, key: string): Promise<string | undefined>;
  set(key: string, value?: string): void;
};

/** What every apply step needs: the transaction, where the records come from, and the clock. */
export type ApplyContext = {
  trx: Transaction<DB>;
  source: ImportSource;
  /** The platform's name as people know it (Gumroad), for consent texts. */
  platform: string;
  runId: string;
  /** ISO instant of this run. */
  now: string;
  locale: string;
  /** The store's currency, for what an export states no amount of. */
  currency: string;
  /** null in the import; the dry run's memory of its rolled-back batches. */
  overlay: DryOverlay | null;
};

/** True when the dry run created `key` in an earlier batch (always false in the import). */
export async function createdEarlier(ctx: ApplyContext, key: string): Promise<string | undefined> {
  return ctx.overlay ? ctx.overlay.get(ctx.trx, key) : undefined;
}

export function remember(ctx: ApplyContext, key: string, value = ''): void {
  ctx.overlay?.set(key, value);
}

export const PLATFORM_NAMES: Record<ImportSource, string> = {
  gumroad: 'Gumroad',
  lemonsqueezy: 'Lemon Squeezy',
  ghost: 'Ghost',
  digistore24: 'Digistore24',
};
