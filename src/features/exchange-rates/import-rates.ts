import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { recordAudit } from '../admin/audit.js';
import { type EcbRate, type FileProblem, parseEcbFile } from './ecb-files.js';
import { differingRates, insertRates } from './rates.js';

export type RateConflict = EcbRate & { stored: string };

export type ImportRatesResult =
  | {
      ok: true;
      format: 'csv' | 'xml';
      /** Rates in the file, and how many of them were new. */
      total: number;
      imported: number;
      firstDate: string;
      lastDate: string;
      currencies: number;
      /** Same currency and day already stored with another value: the stored one is kept. */
      conflicts: RateConflict[];
    }
  | { ok: false; error: 'empty' | 'not-ecb' | 'malformed'; line?: number }
  | { ok: false; error: 'problems'; problems: FileProblem[] };

/**
 * Imports an ECB reference-rate file (CSV or XML) all or nothing: a file with
 * any bad entry imports nothing and lists them; a good one is written in one
 * transaction. Idempotent: rates already stored are kept (a repeated import
 * adds nothing), and a differing value is reported rather than overwritten —
 * a filed OSS return must not change under the creator's feet.
 */
export async function importRates(
  db: Kysely<DB>,
  opts: { text: string; source: 'upload' | 'fetch' | 'cli'; actor?: string },
): Promise<ImportRatesResult> {
  const parsed = parseEcbFile(opts.text);
  if (!parsed.ok) return parsed;
  if (parsed.problems.length > 0) return { ok: false, error: 'problems', problems: parsed.problems };
  const { rates } = parsed;
  const dates = rates.map((r) => r.date).sort();
  const now = isoNow();
  const { imported, conflicts } = await db.transaction().execute(async (trx) => {
    const imported = await insertRates(trx, rates, opts.source, now);
    const conflicts = imported === rates.length ? [] : await differingRates(trx, rates);
    if (opts.actor) {
      await recordAudit(trx, opts.actor, 'exchange-rates.import', {
        format: parsed.format,
        total: rates.length,
        imported,
        conflicts: conflicts.length,
      });
    }
    return { imported, conflicts };
  });
  return {
    ok: true,
    format: parsed.format,
    total: rates.length,
    imported,
    firstDate: dates[0] ?? '',
    lastDate: dates.at(-1) ?? '',
    currencies: new Set(rates.map((r) => r.currency)).size,
    conflicts,
  };
}
