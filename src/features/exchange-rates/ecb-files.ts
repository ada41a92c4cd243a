import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { z } from 'zod';
import { normalizeRate } from './convert.js';

/**
 * Reads the ECB's own reference-rate files: eurofxref.csv (one day: "Date, USD,
 * JPY, …," with "28 June 2024"), eurofxref-hist.csv (every day since 1999:
 * ISO dates, "N/A" where a currency was not published) and the XML files
 * (eurofxref-daily.xml, eurofxref-hist-90d.xml: <Cube time><Cube currency rate>).
 * Pure: the text in, every rate and every bad entry out.
 */

export type EcbRate = { currency: string; date: string; rate: string };
export type FileProblem = {
  /** 1-based line of a CSV record; null in XML (then `place` names day and currency). */
  line: number | null;
  place: string;
  reason: 'date' | 'rate' | 'currency' | 'columns' | 'duplicate';
  value: string;
};
export type ParsedRates =
  | { ok: true; format: 'csv' | 'xml'; rates: EcbRate[]; problems: FileProblem[] }
  | { ok: false; error: 'empty' | 'not-ecb' | 'malformed'; line?: number };

const MONTHS = 'january february march april may june july august september october november december'.split(' ');

/** "2024-06-28" (history file) or "28 June 2024" (daily file) as YYYY-MM-DD, if it is a real day. */
function isoDay(text: string): string | undefined {
  let y: number;
  let m: number;
  let d: number;
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const long = /^(\d{1,2}) ([A-Za-z]+) (\d{4})$/.exec(text);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (long) [d, m, y] = [Number(long[1]), MONTHS.indexOf((long[2] ?? '').toLowerCase()) + 1, Number(long[3])];
  else return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  const out = date.toISOString().slice(0, 10);
  return m >= 1 && date.getUTCDate() === d && date.getUTCMonth() === m - 1 ? out : undefined;
}

/** A string schema that maps through `fn`; undefined is an issue named `message` (the problem's reason). */
const mapped = (fn: (v: string) => string | undefined, message: string) =>
  z.string().transform((v, ctx) => {
    const out = fn(v);
    if (out !== undefined) return out;
    ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  });

const rateEntry = z.object({
  currency: z.string().regex(/^[A-Z]{3}$/, 'currency'),
  date: mapped(isoDay, 'date'),
  rate: mapped(normalizeRate, 'rate'),
});

/** Collects valid rates and problems; the same currency and day twice is a problem only with another value. */
class Collector {
  readonly rates = new Map<string, EcbRate>();
  readonly problems: FileProblem[] = [];

  add(raw: { currency: string; date: string; rate: string }, line: number | null, place: string): void {
    const r = rateEntry.safeParse(raw);
    if (!r.success) {
      const reason = r.error.issues[0]?.message as 'date' | 'rate' | 'currency';
      const value = reason === 'date' ? raw.date : reason === 'currency' ? raw.currency : raw.rate;
      this.problems.push({ line, place, reason, value: value.slice(0, 40) });
      return;
    }
    const key = `${r.data.currency}|${r.data.date}`;
    const seen = this.rates.get(key);
    if (seen && seen.rate !== r.data.rate) this.problems.push({ line, place, reason: 'duplicate', value: raw.rate });
    else this.rates.set(key, r.data);
  }

  result(format: 'csv' | 'xml'): ParsedRates {
    if (this.rates.size === 0 && this.problems.length === 0) return { ok: false, error: 'empty' };
    return { ok: true, format, rates: [...this.rates.values()], problems: this.problems };
  }
}

export function parseEcbFile(text: string): ParsedRates {
  const body = text.replace(/^\uFEFF/, '').trim();
  if (body === '') return { ok: false, error: 'empty' };
  return body.startsWith('<') ? parseXml(body) : parseCsvFile(body);
}

function parseCsvFile(text: string): ParsedRates {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    const opts = { trim: true, relax_column_count: true, skip_empty_lines: true, info: true } as const;
    records = parseCsv(text, opts) as unknown as typeof records; // `info: true` wraps each record
  } catch (e) {
    return { ok: false, error: 'malformed', line: Number((e as { lines?: number }).lines) || 1 };
  }
  const [head, ...rows] = records;
  // The header: "Date", then currency codes; the ECB ends every line with a comma (an empty last cell).
  const columns = head?.record ?? [];
  const trailingComma = columns.at(-1) === '';
  if (trailingComma) columns.pop();
  if (
    columns[0]?.toLowerCase() !== 'date' ||
    columns.length < 2 ||
    !columns.slice(1).every((c) => /^[A-Z]{3}$/.test(c))
  )
    return { ok: false, error: 'not-ecb' };
  const out = new Collector();
  for (const { record, info } of rows) {
    // With the trailing comma a row is one cell longer and ends empty; a row one value short is
    // refused rather than read shifted into the wrong currencies.
    const ends = record.length === columns.length + 1 && record.at(-1) === '';
    const cells = ends ? record.slice(0, -1) : trailingComma ? [] : record;
    const date = record[0] ?? '';
    if (cells.length !== columns.length) {
      const values = record.length - 1 - Number(record.at(-1) === ''); // rates given, without date and trailing cell
      out.problems.push({ line: info.lines, place: date, reason: 'columns', value: String(values) });
      continue;
    }
    for (let i = 1; i < columns.length; i++) {
      const rate = cells[i] ?? '';
      if (rate === '' || rate === 'N/A') continue; // not published for that day
      out.add({ currency: columns[i] ?? '', date, rate }, info.lines, columns[i] ?? '');
    }
  }
  return out.result('csv');
}

type Cube = { time?: string; currency?: string; rate?: string; Cube?: Cube[] };

function parseXml(text: string): ParsedRates {
  const valid = XMLValidator.validate(text);
  if (valid !== true) return { ok: false, error: 'malformed', line: valid.err.line };
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    removeNSPrefix: true,
    parseAttributeValue: false, // rates stay text: "1.0705" must not become a float
    processEntities: false,
    isArray: (name) => name === 'Cube',
  });
  const doc = parser.parse(text) as { Envelope?: { Cube?: Cube[] } };
  const days = doc.Envelope?.Cube?.[0]?.Cube;
  if (!days) return { ok: false, error: 'not-ecb' };
  const out = new Collector();
  for (const day of days) {
    const date = String(day.time ?? '');
    for (const c of day.Cube ?? []) {
      const currency = String(c.currency ?? '');
      out.add({ currency, date, rate: String(c.rate ?? '') }, null, `${date} ${currency}`.trim());
    }
  }
  return out.result('xml');
}
