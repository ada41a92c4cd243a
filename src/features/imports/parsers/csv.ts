import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import type * as CsvParse from 'csv-parse';
import type { Options } from 'csv-parse';
import type { LineProblem } from '../records.js';
import { decodeText } from './decode-text.js';

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
