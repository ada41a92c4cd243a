import type { Db } from '../../db/schema.js';
import { afterCursor, type Cursor, type PageQuery, toPage } from './pagination.js';
import { unknownCursor } from './problems.js';

/**
 * What each list and item of the public API reads: only public fields, in
 * (created_at, id) order, one row more than asked to tell whether more follow.
 */

type Listed = 'products' | 'orders' | 'customers' | 'license_keys' | 'members' | 'membership_tiers' | 'posts';

async function cursorOf(db: Db, table: Listed, page: PageQuery): Promise<Cursor | undefined> {
  if (page.starting_after === undefined) return undefined;
  const row = await db
    .selectFrom(table)
    .select(['id', 'created_at'])
    .where('id', '=', page.starting_after)
    .executeTakeFirst();
  if (!row) throw unknownCursor();
  return row;
}

export async function listProducts(db: Db, page: PageQuery) {
  const cursor = await cursorOf(db, 'products', page);
  let q = db.selectFrom('products').select(PRODUCT_FIELDS);
  if (cursor) q = q.where(afterCursor('products', cursor));
  const rows = await q
    .orderBy('created_at')
    .orderBy('id')
    .limit(page.limit + 1)
    .execute();
  return toPage(rows, page.limit);
}

const PRODUCT_FIELDS = [
  'id',
  'slug',
  'kind',
  'title',
  'summary',
  'status',
  'pricing',
  'currency',
  'price_minor',
  'min_price_minor',
  'created_at',
  'published_at',
] as const;

export function findProduct(db: Db, id: string) {
  return db.selectFrom('products').select(PRODUCT_FIELDS).where('id', '=', id).executeTakeFirst();
}

const ORDER_FIELDS = [
  'id',
  'number',
  'email',
  'name',
  'status',
  'currency',
  'subtotal_minor',
  'discount_minor',
  'tax_minor',
  'total_minor',
  'refunded_minor',
  'created_at',
  'paid_at',
  'refunded_at',
] as const;

export type OrderFilter = { status?: string | undefined; email?: string | undefined };

export async function listOrders(db: Db, page: PageQuery, filter: OrderFilter) {
  const cursor = await cursorOf(db, 'orders', page);
  let q = db.selectFrom('orders').select(ORDER_FIELDS);
  if (filter.status) q = q.where('status', '=', filter.status as never);
  if (filter.email) q = q.where('email', '=', filter.email.trim().toLowerCase());
  if (cursor) q = q.where(afterCursor('orders', cursor));
  const rows = await q
    .orderBy('created_at')
    .orderBy('id')
    .limit(page.limit + 1)
    .execute();
  return toPage(rows, page.limit);
}

export async function findOrderWithItems(db: Db, id: string) {
  const order = await db.selectFrom('orders').select(ORDER_FIELDS).where('id', '=', id).executeTakeFirst();
  if (!order) return undefined;
  const items = await db
    .selectFrom('order_items')
    .select(['product_id', 'title', 'quantity', 'unit_price_minor', 'discount_minor', 'tax_minor', 'total_minor'])
    .where('order_id', '=', id)
    .orderBy('id')
    .execute();
  return { ...order, items };
}

/** Buyers: customers with at least one paid order (refunded ones count: they bought once), one per email. */
export async function listCustomers(db: Db, page: PageQuery) {
  const cursor = await cursorOf(db, 'customers', page);
  let q = db
    .selectFrom('customers')
    .innerJoin('orders', (j) => j.onRef('orders.customer_id', '=', 'customers.id').on('orders.paid_at', 'is not', null))
    .select((eb) => [
      'customers.id',
      'customers.email',
      'customers.name',
      'customers.created_at',
      eb.fn.count<number | string>('orders.id').as('orders_count'),
      eb.fn.min('orders.created_at').as('first_order_at'),
      eb.fn.max('orders.created_at').as('last_order_at'),
    ])
    .groupBy(['customers.id', 'customers.email', 'customers.name', 'customers.created_at']);
  if (cursor) q = q.where(afterCursor('customers', cursor));
  const rows = await q
    .orderBy('customers.created_at')
    .orderBy('customers.id')
    .limit(page.limit + 1)
    .execute();
  const data = rows.map((r) => ({
    ...r,
    orders_count: Number(r.orders_count),
  }));
  return toPage(data, page.limit);
}

export type LicenseKeyFilter = { product?: string | undefined; email?: string | undefined };

export async function listLicenseKeys(db: Db, page: PageQuery, filter: LicenseKeyFilter, now = new Date()) {
  const cursor = await cursorOf(db, 'license_keys', page);
  let q = db
    .selectFrom('license_keys')
    .innerJoin('orders', 'orders.id', 'license_keys.order_id')
    .select([
      'license_keys.id',
      'license_keys.display_key',
      'license_keys.product_id',
      'license_keys.order_id',
      'orders.email',
      'license_keys.disabled_at',
      'license_keys.activation_usage',
      'license_keys.activation_limit',
      'license_keys.expires_at',
      'license_keys.created_at',
    ]);
  if (filter.product) q = q.where('license_keys.product_id', '=', filter.product);
  if (filter.email) q = q.where('orders.email', '=', filter.email.trim().toLowerCase());
  if (cursor) q = q.where(afterCursor('license_keys', cursor));
  const rows = await q
    .orderBy('license_keys.created_at')
    .orderBy('license_keys.id')
    .limit(page.limit + 1)
    .execute();
  const at = now.toISOString();
  const data = rows.map(({ display_key, disabled_at, ...k }) => ({
    ...k,
    key: display_key,
    status: disabled_at
      ? ('disabled' as const)
      : k.expires_at && k.expires_at <= at
        ? ('expired' as const)
        : ('active' as const),
  }));
  return toPage(data, page.limit);
}

export async function listMembers(db: Db, page: PageQuery) {
  const cursor = await cursorOf(db, 'members', page);
  let q = db
    .selectFrom('members')
    .select(['id', 'email', 'name', 'email_status', 'created_at', 'confirmed_at', 'unsubscribed_at']);
  if (cursor) q = q.where(afterCursor('members', cursor));
  const rows = await q
    .orderBy('created_at')
    .orderBy('id')
    .limit(page.limit + 1)
    .execute();
  return toPage(rows, page.limit);
}

export async function listTiers(db: Db, page: PageQuery) {
  const cursor = await cursorOf(db, 'membership_tiers', page);
  let q = db
    .selectFrom('membership_tiers')
    .select([
      'id',
      'slug',
      'name',
      'is_free',
      'active',
      'currency',
      'monthly_price_minor',
      'yearly_price_minor',
      'created_at',
    ]);
  if (cursor) q = q.where(afterCursor('membership_tiers', cursor));
  const rows = await q
    .orderBy('created_at')
    .orderBy('id')
    .limit(page.limit + 1)
    .execute();
  const data = rows.map((t) => ({ ...t, is_free: t.is_free === 1, active: t.active === 1 }));
  return toPage(data, page.limit);
}

/** Published posts; the body only of public ones (the rest is for members and buyers). */
export async function listPosts(db: Db, page: PageQuery) {
  const cursor = await cursorOf(db, 'posts', page);
  let q = db
    .selectFrom('posts')
    .select(['id', 'slug', 'title', 'excerpt', 'visibility', 'body_md', 'published_at', 'created_at'])
    .where('status', '=', 'published');
  if (cursor) q = q.where(afterCursor('posts', cursor));
  const rows = await q
    .orderBy('created_at')
    .orderBy('id')
    .limit(page.limit + 1)
    .execute();
  const data = rows.map((p) => ({ ...p, body_md: p.visibility === 'public' ? p.body_md : null }));
  return toPage(data, page.limit);
}
