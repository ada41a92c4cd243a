import { createRequire } from 'node:module';
import { isIP } from 'node:net';
import { Readable } from 'node:stream';
import type * as CsvParse from 'csv-parse';
import type { Options } from 'csv-parse';
import { z } from 'zod';
import { isIsoDay } from '../../domain/dates.js';
import { normaliseEmail } from './access.js';

// Loaded with the first import read, not at start.
const load = createRequire(import.meta.url);
let csv: typeof CsvParse | undefined;
function csvParse(): typeof CsvParse {
  csv ??= load('csv-parse') as typeof CsvParse;
  return csv;
}

/**
 * Member CSV files: reading an import record by record (a broken record is
 * reported with its line number and reason, the others go on), and writing
 * cells for the export.
 */

export const IMPORT_COLUMNS = ['email', 'name', 'tier', 'consent_given_at', 'consent_text_version', 'ip'] as const;

export type ImportRow = {
  line: number;
  email: string;
  name: string;
  tier: string;
  consentGivenAt: string | null;
  consentTextVersion: string;
  ip: string | null;
};

export type SkipReason =
  | 'unreadable'
  | 'no-email'
  | 'malformed-email'
  | 'long-name'
  | 'bad-date'
  | 'bad-ip'
  | 'long-version'
  | 'unknown-tier'
  | 'paid-tier'
  | 'already-member';
/** A skipped line: the reason (a message key's last part) and the offending value, if any. */
export type SkippedRow = { line: number; reason: SkipReason; value?: string };

export type ParsedImport =
  | { ok: true; rows: ImportRow[]; skipped: SkippedRow[] }
  | { ok: false; error: 'empty' | 'no-email-column' };

const emailSchema = z.email();
/** Header spellings we accept for each column (case and spaces do not matter). */
const ALIASES: Record<(typeof IMPORT_COLUMNS)[number], string[]> = {
  email: ['email', 'e-mail', 'email address', 'mail'],
  name: ['name', 'full name'],
  tier: ['tier', 'tier?', 'level'],
  consent_given_at: ['consent given at', 'consent_given_at', 'consent_at', 'consented at', 'subscribed at'],
  consent_text_version: ['consent text version', 'consent_text_version', 'consent version', 'text version'],
  ip: ['ip', 'ip address', 'consent ip'],
};

function columnIndex(header: string[]): Partial<Record<Column, number>> {
  const normal = header.map((h) => h.trim().toLowerCase().replace(/\s+/g, ' ').replace(/_/g, ' '));
  const index: Partial<Record<(typeof IMPORT_COLUMNS)[number], number>> = {};
  for (const col of IMPORT_COLUMNS) {
    const names = new Set(ALIASES[col].map((a) => a.replace(/_/g, ' ')));
    const i = normal.findIndex((h) => names.has(h));
    if (i >= 0) index[col] = i;
  }
  return index;
}

type Column = (typeof IMPORT_COLUMNS)[number];

/** What reading yields, record by record: a row to import or a skipped line. */
export type CsvItem = { row: ImportRow; skip?: undefined } | { skip: SkippedRow; row?: undefined };

export type OpenedImport =
  | { ok: true; items: AsyncIterable<CsvItem> }
  | { ok: false; error: 'empty' | 'no-email-column' };

type Parsed = { record: string[]; line: number };

/**
 * Reads an import as a stream with csv-parse: quoted fields may hold commas,
 * quotes and line breaks. A record csv-parse cannot read (an unclosed quote
 * runs to the end of the file) or with a bad value is skipped with the line
 * it starts on and the reason; every other record is read. Line numbers count
 * from 1 with the header. Only one record is held at a time.
 */
export async function openMemberCsv(
  input: string | Buffer | AsyncIterable<Buffer | string>,
  maxRows = 200_000,
): Promise<OpenedImport> {
  const unreadable: number[] = [];
  // Counted as csv-parse reads (ahead of the consumer): where each record starts.
  let end = 0;
  let empty = 0;
  const options: Options<Parsed, string[]> = {
    bom: true,
    relax_column_count: true,
    // A stray quote inside a field is kept as text; the field's own check then judges it.
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_record: (record, ctx) => {
      const line = end + 1 + (ctx.empty_lines - empty);
      end = ctx.lines;
      empty = ctx.empty_lines;
      return { record, line };
    },
    on_skip: (err) => {
      unreadable.push(end + 1);
      const at = (err as { lines?: unknown } | undefined)?.lines;
      if (typeof at === 'number') end = at;
      return undefined;
    },
  };
  // The typings tie a record type other than string[] to `columns`; on_record makes ours.
  const parser = csvParse().parse(options as unknown as Options);
  Readable.from(typeof input === 'string' || Buffer.isBuffer(input) ? [input] : input).pipe(parser);
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<Parsed>;
  const first = await records.next();
  const header = first.done ? undefined : first.value.record;
  if (!header || header.every((h) => h.trim() === '')) {
    parser.destroy();
    return { ok: false, error: 'empty' };
  }
  const col = columnIndex(header);
  if (col.email === undefined) {
    parser.destroy();
    return { ok: false, error: 'no-email-column' };
  }
  async function* items(): AsyncGenerator<CsvItem> {
    let count = 0;
    for (;;) {
      const next = await records.next();
      for (const line of unreadable.splice(0)) yield { skip: { line, reason: 'unreadable' } };
      if (next.done || ++count > maxRows) break;
      yield readRow(next.value.line, next.value.record, col);
    }
    parser.destroy();
  }
  return { ok: true, items: items() };
}

/** One record's checks: a row to import, or the reason it is skipped. */
function readRow(line: number, cells: string[], col: Partial<Record<Column, number>>): CsvItem {
  const cell = (c: Column) => (col[c] === undefined ? '' : (cells[col[c]!] ?? '').trim());
  const skip = (reason: SkipReason, value?: string): CsvItem => ({
    skip: value === undefined ? { line, reason } : { line, reason, value },
  });
  const email = normaliseEmail(cell('email'));
  if (!email) return skip('no-email');
  if (email.length > 254 || !emailSchema.safeParse(email).success) return skip('malformed-email', email.slice(0, 80));
  const name = cell('name');
  if (name.length > 200) return skip('long-name');
  const given = cell('consent_given_at');
  let consentGivenAt: string | null = null;
  if (given) {
    const ms = Date.parse(given);
    // Date.parse rolls "2026-02-31" over to 3 March: a day that does not exist is refused, not moved.
    const day = /^\d{4}-\d{2}-\d{2}/.exec(given)?.[0];
    if (Number.isNaN(ms) || ms > Date.now() + 86_400_000 || (day !== undefined && !isIsoDay(day)))
      return skip('bad-date', given.slice(0, 40));
    consentGivenAt = new Date(ms).toISOString();
  }
  const ip = cell('ip');
  if (ip && isIP(ip) === 0) return skip('bad-ip', ip.slice(0, 60));
  const version = cell('consent_text_version');
  if (version.length > 100) return skip('long-version');
  return {
    row: { line, email, name, tier: cell('tier'), consentGivenAt, consentTextVersion: version, ip: ip || null },
  };
}

/** The whole file at once (tests, small files): rows and skipped lines. */
export async function parseMemberCsv(text: string, maxRows = 200_000): Promise<ParsedImport> {
  const opened = await openMemberCsv(text, maxRows);
  if (!opened.ok) return opened;
  const rows: ImportRow[] = [];
  const skipped: SkippedRow[] = [];
  for await (const item of opened.items) {
    if (item.row) rows.push(item.row);
    else skipped.push(item.skip);
  }
  skipped.sort((a, b) => a.line - b.line);
  return { ok: true, rows, skipped };
}

/** A CSV cell: quoted when needed; a leading =, +, - or @ is defused so spreadsheets do not run it. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: (string | number | null | undefined)[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
