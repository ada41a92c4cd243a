import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, DiscountCode, OrderStatus } from '../../db/schema.js';

/** Test data for the admin's order, customer and discount pages, written straight into the tables. */

let seq = 0;
const next = () => ++seq;

export async function seedProduct(
  db: Kysely<DB>,
  p: { title?: string; currency?: string; priceMinor?: number } = {},
): Promise<{ id: string; title: string; currency: string; priceMinor: number }> {
  const n = next();
  const id = randomUUID();
  const title = p.title ?? `Product ${n}`;
  const currency = p.currency ?? 'EUR';
  const priceMinor = p.priceMinor ?? 1000;
  const now = new Date().toISOString();
  await db
    .insertInto('products')
    .values({
      id,
      slug: `product-${n}-${id.slice(0, 8)}`,
      title,
      status: 'published',
      pricing: 'fixed',
      currency,
      price_minor: priceMinor,
      created_at: now,
      updated_at: now,
      published_at: now,
    })
    .execute();
  return { id, title, currency, priceMinor };
}

export async function seedCustomer(
  db: Kysely<DB>,
  c: { email?: string; name?: string; createdAt?: string } = {},
): Promise<{ id: string; email: string; name: string }> {
  const id = randomUUID();
  const email = c.email ?? `buyer${next()}@example.com`;
  const name = c.name ?? '';
  await db
    .insertInto('customers')
    .values({ id, email, name, locale: 'en', created_at: c.createdAt ?? new Date().toISOString() })
    .execute();
  return { id, email, name };
}

export type SeedOrderOptions = {
  customer: { id: string; email: string; name: string };
  items: { product: { id: string; title: string; priceMinor: number }; quantity?: number }[];
  status?: OrderStatus;
  currency?: string;
  createdAt?: string;
  discountMinor?: number;
  refundedMinor?: number;
  discountCodeId?: string;
  number?: string;
  provider?: string;
  providerRef?: string | null;
  /** Makes a delivery per item (as fulfilment would for a paid order). */
  deliver?: { downloadLimit?: number | null; downloadCount?: number; revoked?: boolean };
};

export type SeededOrder = { id: string; number: string; itemIds: string[]; deliveryIds: string[] };

export async function seedOrder(db: Kysely<DB>, o: SeedOrderOptions): Promise<SeededOrder> {
  const n = next();
  const id = randomUUID();
  const createdAt = o.createdAt ?? new Date().toISOString();
  const status = o.status ?? 'paid';
  const subtotal = o.items.reduce((s, i) => s + i.product.priceMinor * (i.quantity ?? 1), 0);
  const discount = o.discountMinor ?? 0;
  const number = o.number ?? `2026-${String(n).padStart(6, '0')}`;
  const paid = status === 'paid' || status === 'refunded';
  await db
    .insertInto('orders')
    .values({
      id,
      number,
      customer_id: o.customer.id,
      email: o.customer.email,
      name: o.customer.name,
      locale: 'en',
      status,
      currency: o.currency ?? 'EUR',
      subtotal_minor: subtotal,
      discount_minor: discount,
      total_minor: subtotal - discount,
      refunded_minor: o.refundedMinor ?? (status === 'refunded' ? subtotal - discount : 0),
      discount_code_id: o.discountCodeId ?? null,
      provider: o.provider ?? 'test',
      provider_ref: o.providerRef === undefined ? `test_${id.slice(0, 8)}` : o.providerRef,
      access_key: randomUUID(),
      created_at: createdAt,
      updated_at: createdAt,
      paid_at: paid ? createdAt : null,
      refunded_at: status === 'refunded' ? createdAt : null,
    })
    .execute();
  const itemIds: string[] = [];
  const deliveryIds: string[] = [];
  for (const item of o.items) {
    const itemId = randomUUID();
    const quantity = item.quantity ?? 1;
    itemIds.push(itemId);
    await db
      .insertInto('order_items')
      .values({
        id: itemId,
        order_id: id,
        product_id: item.product.id,
        title: item.product.title,
        unit_price_minor: item.product.priceMinor,
        quantity,
        total_minor: item.product.priceMinor * quantity,
      })
      .execute();
    if (o.deliver) {
      const deliveryId = randomUUID();
      deliveryIds.push(deliveryId);
      await db
        .insertInto('deliveries')
        .values({
          id: deliveryId,
          order_item_id: itemId,
          order_id: id,
          product_id: item.product.id,
          download_limit: o.deliver.downloadLimit ?? null,
          download_count: o.deliver.downloadCount ?? 0,
          created_at: createdAt,
          revoked_at: o.deliver.revoked ? createdAt : null,
        })
        .execute();
    }
  }
  return { id, number, itemIds, deliveryIds };
}

export async function seedEvent(
  db: Kysely<DB>,
  orderId: string,
  kind: string,
  createdAt: string,
  detail: Record<string, unknown> = {},
): Promise<void> {
  await db
    .insertInto('order_events')
    .values({ id: randomUUID(), order_id: orderId, kind, detail: JSON.stringify(detail), created_at: createdAt })
    .execute();
}

export async function seedEmail(
  db: Kysely<DB>,
  e: { to: string; subject: string; createdAt: string; status?: 'queued' | 'sent' | 'failed' },
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('emails')
    .values({
      id,
      to_address: e.to,
      subject: e.subject,
      html: '<p>hi</p>',
      text: 'hi',
      template: 'order-receipt',
      locale: 'en',
      status: e.status ?? 'sent',
      transport: 'outbox',
      message_id: null,
      error: null,
      headers: '{}',
      created_at: e.createdAt,
      sent_at: e.status === 'queued' ? null : e.createdAt,
    })
    .execute();
  return id;
}

export async function seedDiscount(
  db: Kysely<DB>,
  d: Partial<Omit<DiscountCode, 'id' | 'created_at'>> = {},
): Promise<DiscountCode> {
  const row: DiscountCode = {
    id: randomUUID(),
    code: d.code ?? `CODE${next()}`,
    kind: d.kind ?? 'percent',
    percent_off: d.percent_off ?? (d.kind === 'amount' ? null : 10),
    amount_off_minor: d.amount_off_minor ?? null,
    currency: d.currency ?? null,
    product_id: d.product_id ?? null,
    expires_at: d.expires_at ?? null,
    max_redemptions: d.max_redemptions ?? null,
    redemptions: d.redemptions ?? 0,
    active: d.active ?? 1,
    created_at: new Date().toISOString(),
  };
  await db.insertInto('discount_codes').values(row).execute();
  return row;
}
