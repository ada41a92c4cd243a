import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { addDays } from './time-zone.js';

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

/**
 * A year of a creator's history up to `today`, written straight into the daily
 * sums (as the recount would leave them): two products built in the first
 * months and selling on after the work stopped, 1:1 client work that ends
 * halfway, a holiday, and sales in a few countries. Deterministic.
 */
export async function seedHistory(db: Kysely<DB>, today: string, opts: { days?: number } = {}) {
  const days = opts.days ?? 365;
  const start = addDays(today, -(days - 1));
  const products = [await seedProduct(db, { title: 'Pattern Book' }), await seedProduct(db, { title: 'Video Course' })];
  const now = new Date().toISOString();
  const sales = [];
  const productSales = [];
  const countries = [];
  const effort = [];
  const client = [];
  for (let i = 0; i < days; i++) {
    const day = addDays(start, i);
    if (i < 90 && i % 2 === 0) {
      effort.push({
        id: randomUUID(),
        product_id: products[i % 4 === 0 ? 0 : 1] as string,
        day,
        minutes: 240,
        category: 'creation' as const,
        created_at: now,
      });
    }
    if (i < days / 2 && i % 7 < 5) {
      client.push({ id: randomUUID(), day, minutes: 360, amount_minor: 48_000, currency: 'EUR', created_at: now });
    }
    const orders = i < 60 ? 0 : 1 + ((i * 7) % 5);
    if (orders === 0) continue;
    const gross = orders * 4900;
    const tax = Math.floor((gross * 19) / 119);
    sales.push({
      day,
      currency: 'EUR',
      gross_minor: gross,
      tax_minor: tax,
      orders,
      new_customers: orders,
      fee_minor: orders * 150,
      fee_orders: orders,
    });
    productSales.push({
      day,
      product_id: products[i % 3 === 0 ? 1 : 0] as string,
      currency: 'EUR',
      gross_minor: gross,
      tax_minor: tax,
      orders,
      units: orders,
      fee_minor: orders * 150,
    });
    countries.push({
      day,
      country: ['DE', 'AT', 'CH', 'FR'][i % 4] as string,
      currency: 'EUR',
      gross_minor: gross,
      tax_minor: tax,
      orders,
    });
  }
  for (const [table, rows] of [
    ['daily_sales', sales],
    ['daily_product_sales', productSales],
    ['daily_country_sales', countries],
    ['effort_entries', effort],
    ['client_work', client],
  ] as const) {
    for (let k = 0; k < rows.length; k += 200)
      await db
        .insertInto(table)
        .values(rows.slice(k, k + 200) as never)
        .execute();
  }
  const holiday = addDays(start, Math.floor(days * 0.7));
  await db
    .insertInto('leave_periods')
    .values({ id: randomUUID(), start_day: holiday, end_day: addDays(holiday, 13), kind: 'holiday', created_at: now })
    .execute();
  return { products };
}
