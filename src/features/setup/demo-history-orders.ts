import { randomBytes, randomUUID } from 'node:crypto';
import type { Insertable, Transaction } from 'kysely';
import type { DB, LicenseValidity } from '../../db/schema.js';
import { insertOrder } from '../../order-core/orders.js';
import type { Locale } from '../../web/i18n.js';
import type { OrderTax, ResolvedBuyer } from '../checkout/order-tax.js';
import { generateLicenseKey, hashLicenseKey } from '../licensing/license-key.js';
import { expiryFor } from '../licensing/license-rules.js';
import { normaliseEmail } from '../memberships/access.js';
import { testFeeMinor } from '../payments/test-provider.js';
import type { PlannedStudy } from './demo-history-plan.js';
import { insertRows } from './demo-insert.js';

/**
 * A finished order of the demo's past, as it would stand after checkout,
 * payment, fulfilment and any refund. Everything about it is decided by the
 * caller (the VAT by the tax engine, as checkout decides it); this module
 * only writes it.
 */
export type HistoricalOrder = {
  id: string;
  customer: { id: string; email: string; name: string; locale: Locale };
  product: {
    id: string;
    title: string;
    /** Licence keys are on: one key per order, as fulfilment issues it. */
    licence: { activationLimit: number | null; validity: LicenseValidity; validityDays: number | null } | null;
    /** A course: the order enrols its buyer, as fulfilment does. */
    course: boolean;
  };
  currency: string;
  totalMinor: number;
  /** The tax engine's decision (undefined: no tax settings, the invoice would decide). */
  tax: OrderTax | undefined;
  buyer: ResolvedBuyer;
  consent: { kind: string; version: string; text: string } | null;
  createdAt: string;
  paidAt: string;
  /** 'free' for orders of nothing; the test provider otherwise. */
  provider: 'test' | 'free';
  /** The card country the tester picked on the test payment page. */
  cardCountry: string | null;
  refund: { at: string; amountMinor: number } | null;
  /** More detail for the timeline's "created" entry (a membership period). */
  createdDetail?: Record<string, unknown>;
  /** How the buyer takes the course (course orders; demo-history-courses.ts writes it). */
  study?: PlannedStudy;
};

type Rows = {
  orders: Insertable<DB['orders']>[];
  order_items: Insertable<DB['order_items']>[];
  order_consents: Insertable<DB['order_consents']>[];
  order_events: Insertable<DB['order_events']>[];
  deliveries: Insertable<DB['deliveries']>[];
  license_keys: Insertable<DB['license_keys']>[];
  order_payment_details: Insertable<DB['order_payment_details']>[];
  test_payment_sessions: Insertable<DB['test_payment_sessions']>[];
  course_enrolments: Insertable<DB['course_enrolments']>[];
};

const later = (iso: string, seconds: number) => new Date(Date.parse(iso) + seconds * 1000).toISOString();

/**
 * THE one place the demo history writes orders (and what hangs on them:
 * items, consents, timeline, deliveries, licence keys, course enrolments,
 * payment details, test payment sessions), numbered on from the order counter in the given order.
 * The order and its items go through the order core's `insertOrder`; the
 * rest in multi-row inserts, so a year of orders takes well under a second.
 * Returns the order numbers, in the order given.
 */
export async function insertHistoricalOrders(
  trx: Transaction<DB>,
  orders: readonly HistoricalOrder[],
  ctx: { publicUrl: string; downloadLimit: number | null },
): Promise<string[]> {
  await trx
    .insertInto('counters')
    .values({ name: 'order_number', value: 1000 })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const counter = await trx
    .selectFrom('counters')
    .select('value')
    .where('name', '=', 'order_number')
    .executeTakeFirstOrThrow();
  const first = Number(counter.value) + 1;
  const rows: Rows = {
    orders: [],
    order_items: [],
    order_consents: [],
    order_events: [],
    deliveries: [],
    license_keys: [],
    order_payment_details: [],
    test_payment_sessions: [],
    course_enrolments: [],
  };
  const numbers = orders.map((o, n) => {
    const number = String(first + n);
    addRows(rows, o, number, ctx);
    return number;
  });
  // Parents first: items, deliveries and keys refer to the orders.
  // Orders and their items go through the order core, which owns every write to `orders`.
  for (const [n, order] of rows.orders.entries()) await insertOrder(trx, order, [rows.order_items[n]!]);
  await insertRows(trx, 'order_consents', rows.order_consents);
  await insertRows(trx, 'order_events', rows.order_events);
  await insertRows(trx, 'deliveries', rows.deliveries);
  await insertRows(trx, 'license_keys', rows.license_keys);
  await insertRows(trx, 'course_enrolments', rows.course_enrolments);
  await insertRows(trx, 'order_payment_details', rows.order_payment_details);
  await insertRows(trx, 'test_payment_sessions', rows.test_payment_sessions);
  await trx
    .updateTable('counters')
    .set({ value: first + orders.length - 1 })
    .where('name', '=', 'order_number')
    .execute();
  return numbers;
}

function addRows(
  rows: Rows,
  o: HistoricalOrder,
  number: string,
  ctx: { publicUrl: string; downloadLimit: number | null },
) {
  const full = o.refund !== null && o.refund.amountMinor >= o.totalMinor;
  const refundedMinor = o.refund ? Math.min(o.refund.amountMinor, o.totalMinor) : 0;
  const session = o.provider === 'test' ? `test_cs_${randomUUID().replaceAll('-', '')}` : null;
  const accessKey = randomBytes(18).toString('base64url');
  const { buyer, tax } = o;
  rows.orders.push({
    id: o.id,
    number,
    customer_id: o.customer.id,
    email: o.customer.email,
    name: o.customer.name,
    locale: o.customer.locale,
    status: full ? 'refunded' : 'paid',
    currency: o.currency,
    subtotal_minor: o.totalMinor,
    discount_minor: 0,
    total_minor: o.totalMinor,
    refunded_minor: refundedMinor,
    discount_code_id: null,
    provider: o.provider,
    provider_ref: session,
    access_key: accessKey,
    created_at: o.createdAt,
    updated_at: o.refund?.at ?? o.paidAt,
    paid_at: o.paidAt,
    refunded_at: full ? (o.refund?.at ?? null) : null,
    tax_minor: tax?.taxMinor ?? 0,
    tax_scheme: tax?.scheme ?? null,
    tax_mode: tax?.mode ?? null,
    tax_country: tax?.taxCountry ?? null,
    tax_rate_bp: tax?.rateBp ?? null,
    billing_country: buyer.buyer.country,
    buyer_vat_id: buyer.buyer.vatId,
    vies_check_id: buyer.viesCheckId,
    tax_evidence: JSON.stringify(buyer.evidence),
    billing_address: buyer.address ? JSON.stringify(buyer.address) : null,
  });
  const itemId = randomUUID();
  rows.order_items.push({
    id: itemId,
    order_id: o.id,
    product_id: o.product.id,
    title: o.product.title,
    unit_price_minor: o.totalMinor,
    quantity: 1,
    discount_minor: 0,
    total_minor: o.totalMinor,
    tax_minor: tax?.itemTaxMinor[0] ?? 0,
  });
  if (o.consent) {
    rows.order_consents.push({
      id: randomUUID(),
      order_id: o.id,
      kind: o.consent.kind,
      text_version: o.consent.version,
      text: o.consent.text,
      locale: o.customer.locale,
      given_at: o.createdAt,
    });
  }
  const event = (kind: string, at: string, detail: Record<string, unknown> = {}) =>
    rows.order_events.push({ id: randomUUID(), order_id: o.id, kind, detail: JSON.stringify(detail), created_at: at });
  event('created', o.createdAt, {
    totalMinor: o.totalMinor,
    currency: o.currency,
    taxMinor: tax?.taxMinor ?? 0,
    taxScheme: tax?.scheme ?? null,
    billingCountry: buyer.buyer.country,
    ...o.createdDetail,
  });
  if (session) event('payment_started', later(o.createdAt, 1), { provider: 'test', ref: session });
  event('paid', o.paidAt, { provider: o.provider, ...(session ? { ref: session } : {}) });
  const deliveredAt = later(o.paidAt, 2);
  rows.deliveries.push({
    id: randomUUID(),
    order_item_id: itemId,
    order_id: o.id,
    product_id: o.product.id,
    download_limit: ctx.downloadLimit,
    created_at: deliveredAt,
    revoked_at: full ? (o.refund?.at ?? null) : null,
  });
  if (o.product.licence) {
    const key = generateLicenseKey();
    const l = o.product.licence;
    rows.license_keys.push({
      id: randomUUID(),
      key_hash: hashLicenseKey(key),
      display_key: key,
      order_id: o.id,
      order_item_id: itemId,
      unit_index: 0,
      product_id: o.product.id,
      activation_limit: l.activationLimit,
      validity: l.validity,
      expires_at: expiryFor({ validity: l.validity, validity_days: l.validityDays }, new Date(o.paidAt)),
      disabled_at: full ? (o.refund?.at ?? null) : null,
      disabled_reason: full ? 'refund' : null,
      created_at: deliveredAt,
      updated_at: full ? (o.refund?.at ?? deliveredAt) : deliveredAt,
    });
  }
  // One enrolment per course and address (the history plans each student's purchase once).
  if (o.product.course) {
    rows.course_enrolments.push({
      id: randomUUID(),
      product_id: o.product.id,
      email: normaliseEmail(o.customer.email),
      name: o.customer.name,
      source: 'order',
      order_id: o.id,
      enrolled_at: deliveredAt,
      first_access_at: null,
      revoked_at: full ? (o.refund?.at ?? null) : null,
      cohort_id: null,
      completed_at: null,
    });
  }
  event('delivered', deliveredAt, {
    deliveries: 1,
    ...(o.product.licence ? { licenseKeys: 1 } : {}),
    ...(o.product.course ? { enrolments: 1 } : {}),
  });
  if (o.refund) {
    if (full) {
      event('refunded', o.refund.at, { provider: o.provider, amountMinor: refundedMinor });
      event('access_revoked', later(o.refund.at, 1));
    } else {
      event('partially_refunded', o.refund.at, { amountMinor: refundedMinor, refundedMinor });
    }
  }
  if (!session) return;
  const fee = testFeeMinor(o.totalMinor);
  rows.order_payment_details.push({
    order_id: o.id,
    provider: 'test',
    card_country: o.cardCountry,
    fee_minor: fee,
    fee_currency: o.currency,
    net_minor: o.totalMinor - fee,
    balance_ref: null,
    fee_looked_at: null,
    created_at: o.paidAt,
    updated_at: o.paidAt,
  });
  rows.test_payment_sessions.push({
    id: session,
    order_id: o.id,
    amount_minor: o.totalMinor,
    currency: o.currency,
    status: 'paid',
    return_url: `${ctx.publicUrl}/checkout/orders/${o.id}?k=${accessKey}`,
    refunded_minor: refundedMinor,
    card_country: o.cardCountry,
    created_at: o.createdAt,
    updated_at: o.refund?.at ?? o.paidAt,
  });
}
