import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import type * as CsvParse from 'csv-parse';
import type { Options } from 'csv-parse';
import type { LineProblem } from '../records.js';

// Loaded with the first import read, not at start (as the members CSV does).
const load = createRequire(import.meta.url);
let csv: typeof CsvParse | undefined;
function csvParse(): typeof CsvParse {
  csv ??= load('csv-parse') as typeof CsvParse;
  return csv;
}

/** The file as a whole cannot be read by this parser: no header, missing columns, broken quoting. */
export class ImportFileError extends Error {
  constructor(
    readonly reason: 'empty' | 'missing_columns' | 'unreadable',
    readonly columns: string[] = [],
  ) {
    super(reason === 'missing_columns' ? `missing columns: ${columns.join(', ')}` : `file ${reason}`);
    this.name = 'ImportFileError';
  }
}

/**
 * One data line: its 1-based line in the file (the header is line 1), its
 * cells by column name, and the file's header and delimiter.
 */
export type CsvLine = {
  line: number;
  get(column: string): string;
  has(column: string): boolean;
  columns: readonly string[];
  delimiter: ',' | ';';
};
export type CsvItem = CsvLine | { line: number; problem: LineProblem };

export type ReadCsvOptions = {
  /** ',' unless the platform writes otherwise; 'auto' takes ';' when the header has more of them. */
  delimiter?: ',' | ';' | 'auto';
  missingColumns(header: readonly string[]): string[];
};

/** Header names as written, trimmed (a BOM is dropped by csv-parse). */
export function headerIndex(header: readonly string[]): Map<string, number> {
  const index = new Map<string, number>();
  header.forEach((name, i) => {
    const key = name.trim();
    // The first column of a name wins: Gumroad appends custom fields that may repeat a name.
    if (!index.has(key)) index.set(key, i);
  });
  return index;
}

type Parsed = { record: string[]; line: number };

/**
 * Streams the records of a CSV export, one at a time: the header is checked
 * first (throws ImportFileError), then each line comes as cells by column
 * name. A line csv-parse cannot read comes as a problem with its line; the
 * others go on. Text that is not UTF-8 is read as Windows-1252 (Excel's
 * "CSV" on German Windows).
 */
export async function* readCsv(
  input: AsyncIterable<Buffer | string>,
  options: ReadCsvOptions,
): AsyncGenerator<CsvItem> {
  const text = decodeText(input);
  const first = await text.next();
  if (first.done) throw new ImportFileError('empty');
  const delimiter = options.delimiter === 'auto' ? sniffDelimiter(first.value) : (options.delimiter ?? ',');
  const unreadable: number[] = [];
  // Lines are counted here: csv-parse's own count takes a CRLF inside quotes for two lines.
  let next = 1;
  let empty = 0;
  const parserOptions: Options<Parsed, string[]> = {
    bom: true,
    delimiter,
    relax_column_count: true,
    // A stray quote inside an unquoted field is kept as text, as spreadsheets do.
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_record: (record, ctx) => {
      const line = next + (ctx.empty_lines - empty);
      empty = ctx.empty_lines;
      // A record spans more lines only through line breaks inside quoted cells, which the cells keep.
      let breaks = 0;
      for (const cell of record) if (cell.includes('\n')) breaks += cell.split('\n').length - 1;
      next = line + 1 + breaks;
      return { record, line };
    },
    on_skip: (err) => {
      unreadable.push(next);
      const at = (err as { lines?: unknown } | undefined)?.lines;
      if (typeof at === 'number') next = at + 1;
      return undefined;
    },
  };
  const parser = csvParse().parse(parserOptions as unknown as Options);
  const source = Readable.from(
    (async function* () {
      yield first.value;
      yield* text;
    })(),
  );
  source.on('error', (err) => parser.destroy(err));
  source.pipe(parser);
  try {
    let index: Map<string, number> | undefined;
    let columns: readonly string[] = [];
    for await (const parsed of parser as AsyncIterable<Parsed>) {
      if (!index) {
        if (parsed.record.every((h) => h.trim() === '')) throw new ImportFileError('empty');
        const header = parsed.record.map((h) => h.trim());
        const missing = options.missingColumns(header);
        if (missing.length > 0) throw new ImportFileError('missing_columns', missing);
        index = headerIndex(header);
        columns = header;
        continue;
      }
      while (unreadable.length > 0 && (unreadable[0] ?? 0) < parsed.line) {
        yield { line: unreadable.shift() ?? 0, problem: { code: 'unsupported_row', detail: 'unreadable CSV line' } };
      }
      yield cells(parsed, index, columns, delimiter);
    }
    if (!index) throw new ImportFileError('empty');
    for (const line of unreadable) yield { line, problem: { code: 'unsupported_row', detail: 'unreadable CSV line' } };
  } finally {
    source.destroy();
    parser.destroy();
  }
}

function cells(parsed: Parsed, index: Map<string, number>, columns: readonly string[], delimiter: ',' | ';'): CsvLine {
  const { record, line } = parsed;
  return {
    line,
    columns,
    delimiter,
    get: (column) => {
      const i = index.get(column);
      return i === undefined ? '' : (record[i] ?? '').trim();
    },
    has: (column) => index.has(column),
  };
}

function sniffDelimiter(start: string): ',' | ';' {
  const header = start.split(/\r?\n/, 1)[0] ?? '';
  const count = (c: string) => header.split(c).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

/**
 * Chunks as text. UTF-8 unless a byte sequence is not UTF-8; from there on
 * Windows-1252 (the bytes before were ASCII or valid UTF-8, read the same).
 * The first chunk yielded holds the whole first line, for the delimiter sniff.
 */
export async function* decodeText(input: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const cp1252 = new TextDecoder('windows-1252');
  let fallback = false;
  // A UTF-8 sequence cut at the chunk's end waits for the next chunk.
  let carry: Buffer = Buffer.alloc(0);
  let head: string | undefined = '';
  for await (const chunk of input) {
    let out: string;
    if (typeof chunk === 'string') out = chunk;
    else if (fallback) out = cp1252.decode(chunk);
    else {
      const bytes = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
      const cut = bytes.length - incompleteTail(bytes);
      try {
        out = utf8.decode(bytes.subarray(0, cut));
        carry = bytes.subarray(cut);
      } catch {
        fallback = true;
        out = cp1252.decode(bytes);
        carry = Buffer.alloc(0);
      }
    }
    if (head === undefined) {
      if (out) yield out;
      continue;
    }
    head += out;
    if (head.includes('\n') || head.length > 64 * 1024) {
      yield head;
      head = undefined;
    }
  }
  const rest = carry.length > 0 ? cp1252.decode(carry) : '';
  if (head !== undefined) head += rest;
  const last = head ?? rest;
  if (last) yield last;
}

/** How many bytes at the end start a UTF-8 sequence that the buffer does not finish. */
function incompleteTail(bytes: Uint8Array): number {
  for (let i = 1; i <= Math.min(3, bytes.length); i++) {
    const b = bytes[bytes.length - i] ?? 0;
    if ((b & 0xc0) === 0x80) continue;
    if (b < 0xc0) return 0;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    return need > i ? i : 0;
  }
  return 0;
}
