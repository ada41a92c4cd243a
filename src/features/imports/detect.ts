import type { Readable } from 'node:stream';
import { ImportFileError } from './parsers/csv.js';
import { importParsers } from './parsers/index.js';
import type { ImportParser } from './records.js';

export type Detection =
  | { kind: 'found'; parser: ImportParser }
  /** No parser fits: the closest one and the columns it misses. */
  | { kind: 'missing-columns'; parser: ImportParser; columns: string[] }
  | { kind: 'empty' }
  | { kind: 'unreadable' };

/**
 * Which platform's export a stored file is: each parser reads the file's
 * start (its header check throws before any line), the first that takes it
 * wins. A file with a header but no line counts as empty.
 */
export async function detectParser(
  open: () => Readable,
  parsers: readonly ImportParser[] = importParsers,
): Promise<Detection> {
  let closest: { parser: ImportParser; columns: string[] } | undefined;
  for (const parser of parsers) {
    const stream = open();
    const lines = parser.parse(stream)[Symbol.asyncIterator]();
    try {
      const first = await lines.next();
      // Only the start was needed: the parser's own clean-up runs now, not at garbage collection.
      await lines.return?.();
      return first.done ? { kind: 'empty' } : { kind: 'found', parser };
    } catch (err) {
      if (!(err instanceof ImportFileError)) throw err;
      if (err.reason === 'empty') return { kind: 'empty' };
      if (err.reason === 'unreadable') return { kind: 'unreadable' };
      if (!closest || err.columns.length < closest.columns.length) closest = { parser, columns: err.columns };
    } finally {
      stream.destroy();
    }
  }
  return closest ? { kind: 'missing-columns', ...closest } : { kind: 'unreadable' };
}

export function parserFor(source: string, exportName: string, parsers = importParsers): ImportParser | undefined {
  return parsers.find((p) => p.source === source && p.exportName === exportName);
}
