import { randomBytes, randomUUID } from 'node:crypto';
import type { Order, OrderItem } from '../../db/schema.js';
import { insertOrder } from '../../order-core/orders.js';
import { recordOrderEvent } from '../../order-core/timeline.js';
import { syncOrderAnalytics } from '../analytics/record-sale.js';
import { downloadEntitlement } from '../delivery/download-entitlement.js';
import type { ApplyContext } from './outcome.js';
import type { ImportSource } from './records.js';

/** Imported orders carry the platform in their number (GUM-<sale id>), apart from the store's own sequence. */
const NUMBER_PREFIX: Record<ImportSource, string> = {
  gumroad: 'GUM',
  lemonsqueezy: 'LSQ',
  ghost: 'GHO',
  digistore24: 'DS24',
};

export type ImportedOrderInput = {
  /** Made before the claim, so the claim records it at once. */
  orderId: string;
  externalId: string;
  customer: { id: string; email: string; name: string };
  country: string | null;
  productId: string;
  title: string;
  amountMinor: number;
  currency: string;
  /** ISO instant of the original sale. */
  paidAt: string;
  /** false for a licence without its sale: no revenue to count. */
  countRevenue: boolean;
};

/**
 * A sale made on the other platform, as a paid order with provider 'import'
 * at its original date and amount. The platform was the seller of record, so
 * it is written past the order core's `markPaid`: no fulfilment job, hence no
 * receipt, no invoice, no outgoing webhook. What a paid order gives is granted
 * here directly (the library's download); the revenue figures count it (its
 * VAT is 0: the platform's tax reports hold it, ours must not).
 */
export async function insertImportedOrder(
  ctx: ApplyContext,
  input: ImportedOrderInput,
): Promise<{ order: Order; item: OrderItem }> {
  const id = input.orderId;
  const order: Order = {
    id,
    number: `${NUMBER_PREFIX[ctx.source]}-${input.externalId}`.slice(0, 120),
    customer_id: input.customer.id,
    email: input.customer.email,
    name: input.customer.name,
    locale: ctx.locale,
    status: 'paid',
    currency: input.currency,
    subtotal_minor: input.amountMinor,
    discount_minor: 0,
    total_minor: input.amountMinor,
    refunded_minor: 0,
    discount_code_id: null,
    provider: 'import',
    provider_ref: `${ctx.source}:${input.externalId}`,
    access_key: randomBytes(18).toString('base64url'),
    created_at: input.paidAt,
    updated_at: ctx.now,
    paid_at: input.paidAt,
    refunded_at: null,
    tax_minor: 0,
    tax_scheme: null,
    tax_mode: null,
    tax_country: null,
    tax_rate_bp: null,
    billing_country: input.country,
    buyer_vat_id: null,
    vies_check_id: null,
    tax_evidence: null,
    billing_address: null,
  };
  const item: OrderItem = {
    id: randomUUID(),
    order_id: id,
    product_id: input.productId,
    title: input.title,
    unit_price_minor: input.amountMinor,
    quantity: 1,
    discount_minor: 0,
    total_minor: input.amountMinor,
    tax_minor: 0,
  };
  await insertOrder(ctx.trx, order, [item]);
  await recordOrderEvent(ctx.trx, id, 'paid', { provider: 'import', source: ctx.source, sale: input.externalId });
  await downloadEntitlement.grant(ctx.trx, { order, items: [item], downloadLimit: null });
  // The daily sums change no verdict: the dry run (rolled back anyway) leaves them out.
  if (input.countRevenue && !ctx.overlay) await syncOrderAnalytics(ctx.trx, id);
  return { order, item };
}
