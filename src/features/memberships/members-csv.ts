import { isIP } from 'node:net';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { normaliseEmail } from './access.js';

/**
 * Member CSV files: reading an import row by row (pure; a broken row is
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

function cellsOf(line: string): string[] | undefined {
  try {
    const records = parse(line, { relax_column_count: true, relax_quotes: true, trim: true }) as string[][];
    return records[0] ?? [];
  } catch {
    return undefined;
  }
}

function columnIndex(header: string[]): Partial<Record<(typeof IMPORT_COLUMNS)[number], number>> {
  const normal = header.map((h) => h.trim().toLowerCase().replace(/\s+/g, ' ').replace(/_/g, ' '));
  const index: Partial<Record<(typeof IMPORT_COLUMNS)[number], number>> = {};
  for (const col of IMPORT_COLUMNS) {
    const names = new Set(ALIASES[col].map((a) => a.replace(/_/g, ' ')));
    const i = normal.findIndex((h) => names.has(h));
    if (i >= 0) index[col] = i;
  }
  return index;
}

/**
 * One record per line (members' fields hold no line breaks): a line with a
 * broken quote or a bad value is skipped with its reason; every other line
 * is read. Line numbers count from 1 with the header.
 */
export function parseMemberCsv(text: string, maxRows = 200_000): ParsedImport {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = cellsOf(lines[0] ?? '');
  if (!header || header.every((h) => h === '')) return { ok: false, error: 'empty' };
  const col = columnIndex(header);
  if (col.email === undefined) return { ok: false, error: 'no-email-column' };
  const rows: ImportRow[] = [];
  const skipped: SkippedRow[] = [];
  for (let i = 1; i < lines.length && rows.length + skipped.length < maxRows; i++) {
    const raw = lines[i] ?? '';
    if (raw.trim() === '') continue;
    const line = i + 1;
    const cells = cellsOf(raw);
    if (!cells) {
      skipped.push({ line, reason: 'unreadable' });
      continue;
    }
    const cell = (c: (typeof IMPORT_COLUMNS)[number]) => (col[c] === undefined ? '' : (cells[col[c]!] ?? '').trim());
    const email = normaliseEmail(cell('email'));
    if (!email) {
      skipped.push({ line, reason: 'no-email' });
      continue;
    }
    if (email.length > 254 || !emailSchema.safeParse(email).success) {
      skipped.push({ line, reason: 'malformed-email', value: email.slice(0, 80) });
      continue;
    }
    const name = cell('name');
    if (name.length > 200) {
      skipped.push({ line, reason: 'long-name' });
      continue;
    }
    const given = cell('consent_given_at');
    let consentGivenAt: string | null = null;
    if (given) {
      const ms = Date.parse(given);
      if (Number.isNaN(ms) || ms > Date.now() + 86_400_000) {
        skipped.push({ line, reason: 'bad-date', value: given.slice(0, 40) });
        continue;
      }
      consentGivenAt = new Date(ms).toISOString();
    }
    const ip = cell('ip');
    if (ip && isIP(ip) === 0) {
      skipped.push({ line, reason: 'bad-ip', value: ip.slice(0, 60) });
      continue;
    }
    const version = cell('consent_text_version');
    if (version.length > 100) {
      skipped.push({ line, reason: 'long-version' });
      continue;
    }
    rows.push({
      line,
      email,
      name,
      tier: cell('tier'),
      consentGivenAt,
      consentTextVersion: version,
      ip: ip || null,
    });
  }
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
