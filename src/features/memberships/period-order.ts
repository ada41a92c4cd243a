import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB, Order, Subscription } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { insertOrder } from '../../order-core/orders.js';
import { recordOrderEvent } from '../../order-core/timeline.js';
import { isLocale, type Locale } from '../../web/i18n.js';
import { translator } from '../../web/messages.js';
import { nextOrderNumber } from '../checkout/queries.js';
import type { PeriodTax } from './period-tax.js';

/** Bump when the wording of `memberships.subscribe.consent` changes. */
export const MEMBERSHIP_CONSENT_VERSION = 'membership-start-2026-11';
/** § 356 (4), § 357a (2) BGB: the request to start the service before the withdrawal period ends. */
export const MEMBERSHIP_CONSENT_KIND = 'membership_start';

/** A stable UUID from a key: the order of a renewal attempt is the same row however often the job runs. */
export function uuidFromKey(key: string): string {
  const h = createHash('sha256').update(key).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export type PeriodOrderInput = {
  /** Given for renewals (made from an idempotency key); new otherwise. */
  id?: string;
  subscription: Pick<Subscription, 'id' | 'member_id' | 'currency'>;
  productId: string;
  title: string;
  amountMinor: number;
  provider: string;
  providerRef: string | null;
  customer: { id: string; email: string; name: string; locale: string };
  periodStart: string;
  periodEnd: string;
  /** The period's VAT decision and the buyer's inputs; without it the invoice decides at issue. */
  tax?: PeriodTax | undefined;
};

/**
 * One billing period as an ordinary order (one item: the tier's product), so
 * invoice, receipt and analytics work as for any sale. Created 'pending';
 * the caller makes it paid through the order core's `markPaid`. Returns undefined when an
 * order with this id exists already.
 */
export async function createPeriodOrder(trx: Transaction<DB>, input: PeriodOrderInput): Promise<Order | undefined> {
  const now = isoNow();
  const locale: Locale = isLocale(input.customer.locale) ? input.customer.locale : 'en';
  const decision = input.tax?.decision;
  const order: Order = {
    id: input.id ?? randomUUID(),
    number: '',
    customer_id: input.customer.id,
    email: input.customer.email,
    name: input.customer.name,
    locale,
    status: 'pending',
    currency: input.subscription.currency,
    subtotal_minor: input.amountMinor,
    discount_minor: 0,
    total_minor: input.amountMinor,
    refunded_minor: 0,
    discount_code_id: null,
    provider: input.provider,
    provider_ref: input.providerRef,
    access_key: randomBytes(18).toString('base64url'),
    created_at: now,
    updated_at: now,
    paid_at: null,
    refunded_at: null,
    tax_minor: decision?.taxMinor ?? 0,
    tax_scheme: decision?.scheme ?? null,
    tax_mode: decision?.mode ?? null,
    tax_country: decision?.taxCountry ?? null,
    tax_rate_bp: decision?.rateBp ?? null,
    billing_country: input.tax?.billingCountry ?? null,
    buyer_vat_id: input.tax?.vatId ?? null,
    vies_check_id: input.tax?.viesCheckId ?? null,
    tax_evidence: input.tax?.evidence ?? null,
    billing_address: input.tax?.address ?? null,
  };
  const exists = await trx.selectFrom('orders').select('id').where('id', '=', order.id).executeTakeFirst();
  if (exists) return undefined;
  order.number = await nextOrderNumber(trx);
  await insertOrder(trx, order, [
    {
      id: randomUUID(),
      order_id: order.id,
      product_id: input.productId,
      title: input.title,
      unit_price_minor: input.amountMinor,
      quantity: 1,
      discount_minor: 0,
      total_minor: input.amountMinor,
      tax_minor: decision?.itemTaxMinor[0] ?? 0,
    },
  ]);
  await recordOrderEvent(trx, order.id, 'created', {
    totalMinor: input.amountMinor,
    currency: order.currency,
    subscription: input.subscription.id,
    periodStart: input.periodStart,
    periodEnd: input.periodEnd,
    taxMinor: order.tax_minor,
    taxScheme: order.tax_scheme,
    billingCountry: order.billing_country,
  });
  return order;
}

/** The early-start request in the words the subscriber saw, kept with the first order. */
export async function recordMembershipConsent(trx: Transaction<DB>, orderId: string, locale: Locale, at: string) {
  await trx
    .insertInto('order_consents')
    .values({
      id: randomUUID(),
      order_id: orderId,
      kind: MEMBERSHIP_CONSENT_KIND,
      text_version: MEMBERSHIP_CONSENT_VERSION,
      text: translator(locale)('memberships.subscribe.consent'),
      locale,
      given_at: at,
    })
    .onConflict((oc) => oc.columns(['order_id', 'kind']).doNothing())
    .execute();
}
