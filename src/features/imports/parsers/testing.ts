import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ImportParser, ImportRecord, LineProblem, ParsedLine } from '../records.js';

/** Test helpers: a fixture as a stream, and the parsed lines by line number. */

export function fixture(name: string): AsyncIterable<Buffer> {
  // Small chunks, so records cross chunk boundaries as they do in uploads.
  return createReadStream(fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url)), { highWaterMark: 256 });
}

export async function* chunks(text: string | Buffer, size = 7): AsyncGenerator<Buffer> {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

export async function parseAll(parser: ImportParser, input: AsyncIterable<Buffer | string>): Promise<ParsedLine[]> {
  const lines: ParsedLine[] = [];
  for await (const line of parser.parse(input)) lines.push(line);
  return lines;
}

export function recordAt(lines: ParsedLine[], line: number): ImportRecord {
  const found = lines.find((l) => l.line === line);
  if (!found || !('record' in found)) throw new Error(`line ${line} is not a record: ${JSON.stringify(found)}`);
  return found.record;
}

export function problemAt(lines: ParsedLine[], line: number): LineProblem {
  const found = lines.find((l) => l.line === line);
  if (!found || !('problem' in found)) throw new Error(`line ${line} is not a problem: ${JSON.stringify(found)}`);
  return found.problem;
}
