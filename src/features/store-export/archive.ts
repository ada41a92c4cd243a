import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type yazlModule from 'yazl';
import type { Db } from '../../db/schema.js';
import { csvLine } from '../memberships/members-csv.js';
import { rowsOf } from './rows.js';
import { EXPORT_TABLES, type ExportTable } from './tables.js';

export const JSON_FILE = 'vielfach-export.json';

export type ExportHeader = { exportedAt: string; storeName: string; schemaVersion: string };

/**
 * Everything the store holds that a creator may take with them, as a ZIP
 * stream: one CSV per table and one JSON archive of the same rows.
 *
 * The tables are read once: while each CSV streams into the ZIP, its rows are
 * appended to the JSON in a temporary file, which goes into the ZIP last — so
 * both hold the same rows even if orders arrive meanwhile, and no table is
 * ever whole in memory.
 */
export async function storeExportZip(db: Db, header: ExportHeader, tables = EXPORT_TABLES): Promise<Readable> {
  // yazl is loaded with the first ZIP, not at start (as the invoice export does).
  const yazl: typeof yazlModule = (await import('yazl')).default;
  const dir = await mkdtemp(join(tmpdir(), 'vielfach-export-'));
  const jsonPath = join(dir, JSON_FILE);
  const json = await open(jsonPath, 'w');
  const cleanUp = () => {
    void json.close().catch(() => {});
    void rm(dir, { recursive: true, force: true });
  };
  const mtime = new Date(header.exportedAt);
  const zip = new yazl.ZipFile();
  await json.write(`{${JSON.stringify(header).slice(1, -1)},"tables":{`);
  const out = zip.outputStream as Readable;
  // yazl pipes each entry's stream without passing its errors on: a failed read ends the download as failed, not the process.
  const fail = (e: Error) => out.destroy(e);
  zip.on('error', fail);
  const add = (source: Readable, name: string) => {
    source.once('error', fail);
    zip.addReadStream(source, name, { mtime });
  };
  tables.forEach((table, i) => {
    add(Readable.from(csvWithJson(db, table, i > 0, (text) => json.write(text))), `${table.file}.csv`);
  });
  add(Readable.from(finishedJson(json, jsonPath)), JSON_FILE);
  zip.end();
  out.once('close', cleanUp);
  out.once('end', cleanUp);
  return out;
}

/** A table's CSV (UTF-8 with a BOM for spreadsheet apps, a header line, RFC 4180), its rows also handed to the JSON. */
async function* csvWithJson(
  db: Db,
  table: ExportTable,
  notFirst: boolean,
  toJson: (text: string) => Promise<unknown>,
): AsyncGenerator<Buffer> {
  yield Buffer.from(`\ufeff${csvLine([...table.columns])}`, 'utf8');
  await toJson(`${notFirst ? ',' : ''}${JSON.stringify(table.file)}:[`);
  let first = true;
  for await (const row of rowsOf(db, table)) {
    await toJson(`${first ? '' : ','}${JSON.stringify(row)}`);
    first = false;
    yield Buffer.from(csvLine(table.columns.map((c) => cellOf(row[c]))), 'utf8');
  }
  await toJson(']');
}

/** The JSON archive, once every table is in it. */
async function* finishedJson(json: Awaited<ReturnType<typeof open>>, path: string): AsyncGenerator<Buffer> {
  await json.write('}}\n');
  await json.close();
  const reader = await open(path, 'r');
  try {
    for await (const chunk of reader.createReadStream({ autoClose: false })) yield chunk as Buffer;
  } finally {
    await reader.close();
  }
}

function cellOf(value: unknown): string | number | null | undefined {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return value as string | number | null | undefined;
}
