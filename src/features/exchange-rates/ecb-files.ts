import { Readable } from 'node:stream';
import type * as FastXmlParser from 'fast-xml-parser';
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

/** "" and "N/A" (the ECB's gap: not published that day) are null; anything else must be a rate. */
const rateOrGap = z.string().transform((v, ctx) => {
  if (v === '' || v === 'N/A') return null;
  const rate = normalizeRate(v);
  if (rate !== undefined) return rate;
  ctx.addIssue({ code: 'custom', message: 'rate' });
  return z.NEVER;
});

const currencyCode = z.string().regex(/^[A-Z]{3}$/, 'currency');

/** One publication day: its date and its rates (in the order of `currencies`). */
const csvDay = z.object({ date: mapped(isoDay, 'date'), rates: z.array(rateOrGap) });
/** In XML every day names its own currencies (in CSV the header does, checked once). */
const xmlDay = csvDay.extend({ currencies: z.array(currencyCode) });

/** Collects valid rates and problems, one zod parse per day; the same currency and day twice is a problem only with another value. */
class Collector {
  /** date → currency → rate (per day, so a repeated day or currency is found without one key per rate). */
  readonly days = new Map<string, Map<string, string>>();
  readonly problems: FileProblem[] = [];

  /** `place(i)`: where the i-th value is, for a problem report (its column, or day and currency). */
  addDay(
    raw: { date: string; currencies: string[]; rates: string[]; checkCurrencies: boolean },
    line: number | null,
    place: (i: number) => string,
  ) {
    const r = (raw.checkCurrencies ? xmlDay : csvDay).safeParse(raw);
    if (!r.success) {
      // In file order: the date first, then each value's currency or rate.
      const issues = r.error.issues.map((issue) => {
        const [field, i = -1] = issue.path as ['date' | 'currencies' | 'rates', number | undefined];
        return { field, i, reason: issue.message as FileProblem['reason'] };
      });
      for (const { field, i, reason } of issues.sort((a, b) => a.i - b.i)) {
        const value = field === 'date' ? raw.date : (raw[field][i] ?? '');
        const where = field === 'date' ? (line === null ? raw.date : 'Date') : place(i);
        this.problems.push({ line, place: where, reason, value: value.slice(0, 40) });
      }
      return;
    }
    const { date, rates } = r.data;
    const day = this.days.get(date) ?? new Map<string, string>();
    this.days.set(date, day);
    rates.forEach((rate, i) => {
      if (rate === null) return;
      const currency = raw.currencies[i] ?? '';
      const seen = day.get(currency);
      if (seen !== undefined && seen !== rate)
        this.problems.push({ line, place: place(i), reason: 'duplicate', value: rate });
      else day.set(currency, rate);
    });
  }

  result(format: 'csv' | 'xml'): ParsedRates {
    const rates: EcbRate[] = [];
    for (const [date, day] of this.days) for (const [currency, rate] of day) rates.push({ currency, date, rate });
    if (rates.length === 0 && this.problems.length === 0) return { ok: false, error: 'empty' };
    return { ok: true, format, rates, problems: this.problems };
  }
}

export async function parseEcbFile(text: string): Promise<ParsedRates> {
  const body = text.replace(/^\uFEFF/, '').trim();
  if (body === '') return { ok: false, error: 'empty' };
  // The parsers are loaded with the first file, not at start.
  return body.startsWith('<') ? parseXml(body, await import('fast-xml-parser')) : parseCsvFile(body);
}

/** Text fed to the CSV parser in pieces of this size, the event loop served between them. */
const PIECE = 64 * 1024;
const ROWS_BETWEEN_YIELDS = 250;

/**
 * The history file has ~7,000 lines of 41 currencies (2 MB): it is streamed
 * through csv-parse and checked a day at a time, yielding to the event loop
 * now and then, so a whole-history upload does not stall other requests.
 */
async function parseCsvFile(text: string): Promise<ParsedRates> {
  const { parse: parseCsv } = await import('csv-parse');
  const parser = parseCsv({ trim: true, relax_column_count: true, skip_empty_lines: true, info: true });
  const pieces = Array.from({ length: Math.ceil(text.length / PIECE) }, (_, i) =>
    text.slice(i * PIECE, (i + 1) * PIECE),
  );
  Readable.from(pieces).pipe(parser);
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<{ record: string[]; info: { lines: number } }>;
  try {
    const head = await records.next();
    // The header: "Date", then currency codes; the ECB ends every line with a comma (an empty last cell).
    const columns = head.done ? [] : head.value.record;
    const trailingComma = columns.at(-1) === '';
    if (trailingComma) columns.pop();
    const currencies = columns.slice(1);
    if (columns[0]?.toLowerCase() !== 'date' || !z.array(currencyCode).min(1).safeParse(currencies).success) {
      parser.destroy();
      return { ok: false, error: 'not-ecb' };
    }
    const out = new Collector();
    for (let n = 1; ; n++) {
      const next = await records.next();
      if (next.done) break;
      const { record, info } = next.value;
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
      const day = { date, currencies, rates: cells.slice(1), checkCurrencies: false };
      out.addDay(day, info.lines, (i) => currencies[i] ?? '');
      if (n % ROWS_BETWEEN_YIELDS === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    return out.result('csv');
  } catch (e) {
    parser.destroy();
    return { ok: false, error: 'malformed', line: Number((e as { lines?: number }).lines) || 1 };
  }
}

type Cube = { time?: string; currency?: string; rate?: string; Cube?: Cube[] };

function parseXml(text: string, { XMLParser, XMLValidator }: typeof FastXmlParser): ParsedRates {
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
    const cubes = day.Cube ?? [];
    const currencies = cubes.map((c) => String(c.currency ?? ''));
    const rates = cubes.map((c) => String(c.rate ?? ''));
    out.addDay({ date, currencies, rates, checkCurrencies: true }, null, (i) =>
      `${date} ${currencies[i] ?? ''}`.trim(),
    );
  }
  return out.result('xml');
}
