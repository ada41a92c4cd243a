import type { Db, DiscountCode } from '../../db/schema.js';
import type { ProductChoice } from './discount-form.js';

export const DISCOUNTS_PAGE_SIZE = 100;

export type DiscountRow = DiscountCode & { product_title: string | null };
export type DiscountList = { rows: DiscountRow[]; page: number; hasNext: boolean };

/** One page of codes, newest first, with the product each is limited to. */
export async function listDiscounts(db: Db, page: number, size = DISCOUNTS_PAGE_SIZE): Promise<DiscountList> {
  const rows = await db
    .selectFrom('discount_codes')
    .leftJoin('products', 'products.id', 'discount_codes.product_id')
    .selectAll('discount_codes')
    .select('products.title as product_title')
    .orderBy('discount_codes.created_at', 'desc')
    .orderBy('discount_codes.id', 'desc')
    .limit(size + 1)
    .offset((page - 1) * size)
    .execute();
  return { rows: rows.slice(0, size), page, hasNext: rows.length > size };
}

export function findDiscount(db: Db, id: string): Promise<DiscountCode | undefined> {
  return db.selectFrom('discount_codes').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Every product a code can be limited to, by title. */
export function productChoices(db: Db): Promise<ProductChoice[]> {
  return db.selectFrom('products').select(['id', 'title', 'currency']).orderBy('title').orderBy('id').execute();
}

/** PostgreSQL's and SQLite's way of saying a UNIQUE constraint refused a row. */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
