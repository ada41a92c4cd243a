import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { DB, Db, Order } from '../../db/schema.js';
import { addDays } from '../analytics/time-zone.js';
import { localInputToUtc } from '../posts/local-time.js';
import type { OrderFilterInput } from './schemas.js';

export const ORDERS_PAGE_SIZE = 50;

export type OrderFilters = OrderFilterInput & {
  customerId?: string | undefined;
  /** The store's time zone: `from` and `to` are days on its clock (UTC without one). */
  timeZone?: string | undefined;
};

export type OrderRow = Pick<
  Order,
  | 'id'
  | 'number'
  | 'customer_id'
  | 'email'
  | 'name'
  | 'status'
  | 'currency'
  | 'subtotal_minor'
  | 'discount_minor'
  | 'total_minor'
  | 'refunded_minor'
  | 'created_at'
> & { items: { title: string; quantity: number }[] };

export type OrderList = { rows: OrderRow[]; page: number; hasNext: boolean };

/** `%` and `_` typed by the admin are searched for, not wildcards. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Case-insensitive "contains" that reads the same on SQLite and PostgreSQL. */
export function contains(column: string, text: string) {
  return sql<SqlBool>`lower(${sql.ref(column)}) like lower(${likePattern(text)}) escape '\\'`;
}

/** The moment a day begins on the store's clock, as stored times compare. */
export function dayStart(day: string, timeZone = 'UTC'): string {
  return (localInputToUtc(`${day}T00:00`, timeZone) ?? new Date(`${day}T00:00:00.000Z`)).toISOString();
}

export function orderFilter(eb: ExpressionBuilder<DB, 'orders'>, f: OrderFilters): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [];
  if (f.q) {
    parts.push(eb.or([contains('orders.number', f.q), contains('orders.email', f.q), contains('orders.name', f.q)]));
  }
  if (f.status) parts.push(eb('orders.status', '=', f.status));
  if (f.customerId) parts.push(eb('orders.customer_id', '=', f.customerId));
  if (f.product) {
    const product = f.product;
    parts.push(
      eb.exists(
        eb
          .selectFrom('order_items')
          .select('order_items.id')
          .whereRef('order_items.order_id', '=', 'orders.id')
          .where('order_items.product_id', '=', product),
      ),
    );
  }
  // Days are the store's days; times are stored as ISO text in UTC, which sorts like time.
  if (f.from) parts.push(eb('orders.created_at', '>=', dayStart(f.from, f.timeZone)));
  if (f.to) parts.push(eb('orders.created_at', '<', dayStart(addDays(f.to, 1), f.timeZone)));
  return eb.and(parts);
}

export const ORDER_ROW_COLUMNS = [
  'orders.id',
  'orders.number',
  'orders.customer_id',
  'orders.email',
  'orders.name',
  'orders.status',
  'orders.currency',
  'orders.subtotal_minor',
  'orders.discount_minor',
  'orders.total_minor',
  'orders.refunded_minor',
  'orders.created_at',
] as const;

/** What each order contains, in one query for a whole page. */
export async function itemsOf(db: Db, orderIds: string[]): Promise<Map<string, { title: string; quantity: number }[]>> {
  const map = new Map<string, { title: string; quantity: number }[]>();
  if (orderIds.length === 0) return map;
  const rows = await db
    .selectFrom('order_items')
    .select(['order_id', 'title', 'quantity'])
    .where('order_id', 'in', orderIds)
    .orderBy('order_id')
    .orderBy('title')
    .execute();
  for (const r of rows) {
    const list = map.get(r.order_id) ?? [];
    list.push({ title: r.title, quantity: r.quantity });
    map.set(r.order_id, list);
  }
  return map;
}

/** One page of orders matching the filters, newest first. */
export async function listOrders(
  db: Db,
  filters: OrderFilters,
  page: number,
  size = ORDERS_PAGE_SIZE,
): Promise<OrderList> {
  const rows = await db
    .selectFrom('orders')
    .select(ORDER_ROW_COLUMNS)
    .where((eb) => orderFilter(eb, filters))
    .orderBy('orders.created_at', 'desc')
    .orderBy('orders.id', 'desc')
    .limit(size + 1)
    .offset((page - 1) * size)
    .execute();
  const pageRows = rows.slice(0, size);
  const items = await itemsOf(
    db,
    pageRows.map((r) => r.id),
  );
  return {
    rows: pageRows.map((r) => ({ ...r, items: items.get(r.id) ?? [] })),
    page,
    hasNext: rows.length > size,
  };
}

/** Products to filter by: every product that was ever sold, by title. */
export function soldProducts(db: Db): Promise<{ id: string; title: string }[]> {
  return db
    .selectFrom('products')
    .select(['products.id', 'products.title'])
    .where((eb) =>
      eb.exists(
        eb.selectFrom('order_items').select('order_items.id').whereRef('order_items.product_id', '=', 'products.id'),
      ),
    )
    .orderBy('products.title')
    .orderBy('products.id')
    .execute();
}
