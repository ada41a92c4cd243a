import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/** A published fixed-price product for analytics tests. */
export async function seedProduct(
  db: Kysely<DB>,
  opts: { title?: string; priceMinor?: number; currency?: string } = {},
) {
  const id = randomUUID();
  const now = new Date().toISOString();
  await db
    .insertInto('products')
    .values({
      id,
      slug: `p-${id.slice(0, 8)}`,
      title: opts.title ?? 'Field Guide',
      pricing: 'fixed',
      currency: opts.currency ?? 'EUR',
      price_minor: opts.priceMinor ?? 2500,
      status: 'published',
      cover_key: null,
      suggested_price_minor: null,
      created_at: now,
      updated_at: now,
      published_at: now,
    })
    .execute();
  return id;
}

/** A pending order of one product (one unit), as checkout leaves it. */
export async function seedOrder(
  db: Kysely<DB>,
  productId: string,
  opts: {
    totalMinor?: number;
    taxMinor?: number;
    currency?: string;
    email?: string;
    billingCountry?: string | null;
  } = {},
) {
  const now = new Date().toISOString();
  const email = opts.email ?? `b-${randomUUID().slice(0, 8)}@example.com`;
  await db
    .insertInto('customers')
    .values({ id: randomUUID(), email, locale: 'en', created_at: now })
    .onConflict((oc) => oc.column('email').doNothing())
    .execute();
  const customer = await db.selectFrom('customers').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  const id = randomUUID();
  const total = opts.totalMinor ?? 2500;
  await db
    .insertInto('orders')
    .values({
      id,
      number: `A-${id.slice(0, 8)}`,
      customer_id: customer.id,
      email,
      locale: 'en',
      status: 'pending',
      currency: opts.currency ?? 'EUR',
      subtotal_minor: total,
      total_minor: total,
      tax_minor: opts.taxMinor ?? 0,
      provider: 'test',
      provider_ref: null,
      discount_code_id: null,
      access_key: randomUUID(),
      created_at: now,
      updated_at: now,
      paid_at: null,
      refunded_at: null,
      billing_country: opts.billingCountry ?? null,
    })
    .execute();
  await db
    .insertInto('order_items')
    .values({
      id: randomUUID(),
      order_id: id,
      product_id: productId,
      title: 'Field Guide',
      unit_price_minor: total,
      total_minor: total,
      tax_minor: opts.taxMinor ?? 0,
    })
    .execute();
  return id;
}

export async function dailySales(db: Kysely<DB>) {
  const rows = await db.selectFrom('daily_sales').selectAll().orderBy('day').orderBy('currency').execute();
  return rows.map((r) => ({
    day: r.day,
    currency: r.currency,
    gross: Number(r.gross_minor),
    refunded: Number(r.refunded_minor),
    orders: Number(r.orders),
    refunds: Number(r.refunds),
    newCustomers: Number(r.new_customers),
  }));
}

export async function productSales(db: Kysely<DB>) {
  const rows = await db.selectFrom('daily_product_sales').selectAll().orderBy('day').orderBy('product_id').execute();
  return rows.map((r) => ({
    day: r.day,
    product: r.product_id,
    currency: r.currency,
    gross: Number(r.gross_minor),
    refunded: Number(r.refunded_minor),
    orders: Number(r.orders),
    units: Number(r.units),
  }));
}

/** VAT columns of both aggregate tables, per row: [day, tax, refunded tax]. */
export async function taxSums(db: Kysely<DB>) {
  const days = await db.selectFrom('daily_sales').selectAll().orderBy('day').orderBy('currency').execute();
  const products = await db
    .selectFrom('daily_product_sales')
    .selectAll()
    .orderBy('day')
    .orderBy('product_id')
    .execute();
  const row = (r: { day: string; tax_minor: number; refunded_tax_minor: number }) => [
    r.day,
    Number(r.tax_minor),
    Number(r.refunded_tax_minor),
  ];
  return { days: days.map(row), products: products.map(row) };
}

/** Every row of the per-country sums: [day, country, currency, gross, refunded, tax, refunded tax, orders, refunds]. */
export async function countrySales(db: Kysely<DB>) {
  const rows = await db
    .selectFrom('daily_country_sales')
    .selectAll()
    .orderBy('day')
    .orderBy('country')
    .orderBy('currency')
    .execute();
  return rows.map((r) => [
    r.day,
    r.country,
    r.currency,
    Number(r.gross_minor),
    Number(r.refunded_minor),
    Number(r.tax_minor),
    Number(r.refunded_tax_minor),
    Number(r.orders),
    Number(r.refunds),
  ]);
}
