import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { recordAudit } from '../admin/audit.js';
import { type EcbRate, type FileProblem, parseEcbFile } from './ecb-files.js';
import { insertRates } from './rates.js';

export type RateConflict = EcbRate & { stored: string };

const CHUNK = 5000;

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
 * Imports an ECB reference-rate file (CSV or XML): a file with any bad entry
 * imports nothing and lists them. Idempotent: rates already stored are kept
 * (a repeated import adds nothing), and a differing value is reported rather
 * than overwritten — a filed OSS return must not change under the creator's feet.
 */
export async function importRates(
  db: Kysely<DB>,
  opts: { text: string; source: 'upload' | 'fetch' | 'cli'; actor?: string },
): Promise<ImportRatesResult> {
  const parsed = await parseEcbFile(opts.text);
  if (!parsed.ok) return parsed;
  if (parsed.problems.length > 0) return { ok: false, error: 'problems', problems: parsed.problems };
  const { rates } = parsed;
  const dates = rates.map((r) => r.date).sort();
  const now = isoNow();
  let imported = 0;
  const conflicts: RateConflict[] = [];
  // Checked in full before the first write; written in transactions of CHUNK rates, so a whole
  // history (200,000 rates) never holds the database (SQLite: the one connection) for long. An
  // import cut short by a crash is completed by importing the file again.
  for (let i = 0; i < rates.length; i += CHUNK) {
    const r = await db.transaction().execute((trx) => insertRates(trx, rates.slice(i, i + CHUNK), opts.source, now));
    imported += r.inserted;
    conflicts.push(...r.conflicts);
  }
  if (opts.actor) {
    await recordAudit(db, opts.actor, 'exchange-rates.import', {
      format: parsed.format,
      total: rates.length,
      imported,
      conflicts: conflicts.length,
    });
  }
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
