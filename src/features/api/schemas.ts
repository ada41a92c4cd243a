import { z } from 'zod';
import { pageOf, pageQuery } from './pagination.js';

/**
 * The public API's shapes: what routes read (params, query) and answer.
 * The same schemas validate requests, serialise answers (only the fields
 * listed leave the server) and make the OpenAPI document.
 */

const id = z.string().describe('Unique id');
const instant = z.string().describe('ISO 8601 instant (UTC)');
const money = (what: string) => z.number().int().describe(`${what}, in minor units of the currency (cents)`);
const currency = z.string().describe('ISO 4217 code, e.g. EUR');

export const idParams = z.object({ id: z.string().min(1).max(200) });

export const product = z
  .object({
    id,
    slug: z.string(),
    kind: z.enum(['download', 'membership', 'course', 'event', 'booking', 'podcast']),
    title: z.string(),
    summary: z.string(),
    status: z.enum(['draft', 'published', 'archived']),
    pricing: z.enum(['fixed', 'pwyw', 'free']),
    currency,
    price_minor: money('The price (0 for pay-what-you-want and free)'),
    min_price_minor: money('Pay what you want: the least a buyer may pay'),
    created_at: instant,
    published_at: instant.nullable(),
  })
  .meta({ id: 'Product' });

const orderStatus = z.enum(['pending', 'paid', 'failed', 'expired', 'refunded', 'disputed']);

export const order = z
  .object({
    id,
    number: z.string().describe('The human order number, e.g. 2026-000042'),
    email: z.string(),
    name: z.string(),
    status: orderStatus,
    currency,
    subtotal_minor: money('Before discounts'),
    discount_minor: money('Discount'),
    tax_minor: money('VAT included in the total'),
    total_minor: money('What the buyer paid'),
    refunded_minor: money('Refunded so far'),
    created_at: instant,
    paid_at: instant.nullable(),
    refunded_at: instant.nullable(),
  })
  .meta({ id: 'Order' });

export const orderItem = z
  .object({
    product_id: z.string(),
    title: z.string().describe('The product title at purchase'),
    quantity: z.number().int(),
    unit_price_minor: money('Price of one'),
    discount_minor: money('Discount on this line'),
    tax_minor: money('VAT included in this line'),
    total_minor: money('This line'),
  })
  .meta({ id: 'OrderItem' });

export const orderWithItems = order.extend({ items: z.array(orderItem) }).meta({ id: 'OrderWithItems' });

export const orderListQuery = pageQuery.extend({
  status: orderStatus.optional(),
  email: z.string().max(320).optional(),
});

export const refundBody = z
  .object({})
  .strict()
  .optional()
  .describe('Empty: the whole amount not refunded yet is refunded');

export const customer = z
  .object({
    id,
    email: z.string(),
    name: z.string(),
    orders_count: z.number().int().describe('Paid orders (including refunded ones)'),
    first_order_at: instant,
    last_order_at: instant,
    created_at: instant,
  })
  .meta({ id: 'Customer' });

export const licenseKey = z
  .object({
    id,
    key: z.string(),
    product_id: z.string(),
    order_id: z.string(),
    email: z.string(),
    status: z.enum(['active', 'expired', 'disabled']),
    activation_usage: z.number().int(),
    activation_limit: z.number().int().nullable().describe('null: unlimited'),
    expires_at: instant.nullable(),
    created_at: instant,
  })
  .meta({ id: 'LicenseKey' });

export const licenseKeyListQuery = pageQuery.extend({
  product: z.string().max(200).optional().describe('A product id'),
  email: z.string().max(320).optional(),
});

export const member = z
  .object({
    id,
    email: z.string(),
    name: z.string(),
    email_status: z.enum(['pending', 'subscribed', 'unsubscribed', 'bounced']),
    created_at: instant,
    confirmed_at: instant.nullable(),
    unsubscribed_at: instant.nullable(),
  })
  .meta({ id: 'Member' });

export const tier = z
  .object({
    id,
    slug: z.string(),
    name: z.string(),
    is_free: z.boolean(),
    active: z.boolean(),
    currency,
    monthly_price_minor: money('Monthly price (null: not offered)').nullable(),
    yearly_price_minor: money('Yearly price (null: not offered)').nullable(),
    created_at: instant,
  })
  .meta({ id: 'Tier' });

export const post = z
  .object({
    id,
    slug: z.string(),
    title: z.string(),
    excerpt: z.string(),
    visibility: z.enum(['public', 'members', 'paid', 'tiers']),
    body_md: z.string().nullable().describe('Markdown; null unless the post is public'),
    published_at: instant.nullable(),
    created_at: instant,
  })
  .meta({ id: 'Post' });

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string().optional(),
    detail: z.string().optional(),
    instance: z.string().optional(),
  })
  .meta({ id: 'Problem' });

export { pageOf, pageQuery };
