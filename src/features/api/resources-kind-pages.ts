import type { Db, ProductKind } from '../../db/schema.js';
import type { Cursor, PageQuery } from './pagination.js';
import { unknownCursor } from './problems.js';

/**
 * What the API's reads of courses, events, bookings and podcasts share:
 * pages in (created_at, id) order like every list (enrolments by enrolment
 * time, bookings by start), public fields only.
 */

/** The cursor of a page, or 400 when `starting_after` names nothing in this list. */
export async function cursorFrom(page: PageQuery, find: (id: string) => Promise<Cursor | undefined>) {
  if (page.starting_after === undefined) return undefined;
  const row = await find(page.starting_after);
  if (!row) throw unknownCursor();
  return row;
}

export const PRODUCT_FIELDS = [
  'products.id',
  'products.slug',
  'products.title',
  'products.status',
  'products.created_at',
  'products.published_at',
] as const;

export function productCursor(db: Db, kind: ProductKind, page: PageQuery) {
  return cursorFrom(page, (id) =>
    db
      .selectFrom('products')
      .select(['id', 'created_at'])
      .where('id', '=', id)
      .where('kind', '=', kind)
      .executeTakeFirst(),
  );
}
