import type { Kysely } from 'kysely';
import type { Db } from '../../db/schema.js';
import type { ExportTable } from './tables.js';

export type Row = Record<string, unknown>;

/** Rows read per query: memory stays bounded however large the table. */
export const PAGE_SIZE = 1000;

/**
 * A table's allowed columns, page by page in primary-key order (keyset: each
 * page starts after the last key seen, so no page is skipped or read twice
 * and no OFFSET grows with the table).
 */
export async function* rowsOf(db: Db, table: ExportTable, pageSize = PAGE_SIZE): AsyncGenerator<Row> {
  // The table and columns come from the allow-list, not from a request; the typed builder cannot name them.
  // biome-ignore lint/suspicious/noExplicitAny: table names chosen at run time from EXPORT_TABLES
  const loose = db as unknown as Kysely<any>;
  let after: unknown[] | undefined;
  for (;;) {
    let query = loose.selectFrom(table.table).select([...table.columns]);
    const last = after;
    if (last)
      query = query.where((eb) =>
        eb.or(
          table.key.map((_, i) =>
            eb.and([
              ...table.key.slice(0, i).map((k, j) => eb(k, '=', last[j])),
              eb(table.key[i] as string, '>', last[i]),
            ]),
          ),
        ),
      );
    for (const k of table.key) query = query.orderBy(k);
    const rows = (await query.limit(pageSize).execute()) as Row[];
    for (const row of rows) yield normalised(row);
    if (rows.length < pageSize) return;
    const end = rows[rows.length - 1] as Row;
    after = table.key.map((k) => end[k]);
  }
}

/** The same value from SQLite and PostgreSQL: times as ISO strings in UTC, big counts as numbers. */
function normalised(row: Row): Row {
  for (const [k, v] of Object.entries(row)) {
    if (v instanceof Date) row[k] = v.toISOString();
    else if (typeof v === 'bigint') row[k] = Number(v);
  }
  return row;
}
