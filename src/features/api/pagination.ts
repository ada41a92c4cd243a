import { type RawBuilder, type SqlBool, sql } from 'kysely';
import { z } from 'zod';

/** The query of every list: `limit` (1–100, default 25) and the id of the last item already seen. */
export const pageQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(25)
    .describe('How many items a page holds (1–100, default 25)'),
  starting_after: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('The id of the last item of the page before: the page starts after it'),
});

export type PageQuery = z.infer<typeof pageQuery>;

/** Where a page starts: the sort key of the item named by `starting_after`. */
export type Cursor = { created_at: string; id: string };

/**
 * Rows after the cursor in (created_at, id) order — or (`timeColumn`, id) for
 * a table whose rows have another instant — a stable key, so rows added
 * meanwhile never repeat one.
 */
export function afterCursor(table: string, cursor: Cursor, timeColumn = 'created_at'): RawBuilder<SqlBool> {
  const created = sql.ref(`${table}.${timeColumn}`);
  const id = sql.ref(`${table}.id`);
  return sql<SqlBool>`(${created} > ${cursor.created_at} or (${created} = ${cursor.created_at} and ${id} > ${cursor.id}))`;
}

/** A list answer from `limit + 1` rows read: the extra row only tells that there is more. */
export function toPage<T>(rows: readonly T[], limit: number): { data: T[]; has_more: boolean } {
  return { data: rows.slice(0, limit), has_more: rows.length > limit };
}

/** The answer's schema for a list of `item`. */
export const pageOf = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), has_more: z.boolean() });
