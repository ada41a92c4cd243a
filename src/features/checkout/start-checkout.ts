import { randomBytes, randomUUID } from 'node:crypto';
import type { Order } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { enqueueJob } from '../../jobs/queue.js';
import { insertOrder, recordPaymentStarted } from '../../order-core/orders.js';
import { recordOrderEvent } from '../../order-core/timeline.js';
import type { Services } from '../../services.js';
import type { Locale } from '../../web/i18n.js';
import { attributeOrder, type Referral } from '../affiliates/attribution.js';
import { findDiscountByCode, redeemDiscount } from '../discounts/redeem.js';
import {
  DIGITAL_CONSENT_KIND,
  type OrderConsentKind,
  recordOrderConsent,
  SERVICE_CONSENT_KIND,
} from '../legal/consent.js';
import { withdrawalCaseFor } from '../legal/withdrawal-case.js';
import { checkoutProvider } from '../payments/providers.js';
import { TaxError } from '../tax/categories.js';
import { ipCountryOf } from '../tax/ip-country.js';
import { loadTaxSettings } from '../tax/tax-settings.js';
import { type ChoiceDetails, type ChoiceError, checkoutChoiceOf, pricedAs } from './choices.js';
import { expireOrderJob } from './job-contracts.js';
import {
  type BuyerTaxError,
  type BuyerTaxInput,
  type CountryConflict,
  decideOrderTax,
  type OrderTax,
  resolveBuyer,
} from './order-tax.js';
import { type QuoteError, quote } from './pricing.js';
import { findOrderItems, findSellableProduct, nextOrderNumber, upsertCustomer } from './queries.js';

export type StartCheckoutInput = {
  productId: string;
  email: string;
  name: string;
  /** Pay-what-you-want amount as typed; never trusted, parsed and checked here. */
  offered?: string | undefined;
  discountCode?: string | undefined;
  /** The buyer ticked the § 356 (5) BGB box (digital content delivered before the withdrawal period ends). */
  digitalConsent: boolean;
  /** The buyer ticked the § 356 (4) / § 357a (2) BGB box (a service starts before the withdrawal period ends). */
  serviceConsent?: boolean | undefined;
  locale: Locale;
  /** What the buyer picked besides the product (an event's session and ticket), for the kinds that need it. */
  choice?: string | undefined;
  /** What the buyer typed with the choice (answers, time zone); read by the choice's feature. */
  details?: ChoiceDetails | undefined;
  /**
   * Billing country, VAT ID and address as typed, plus the request's IP and
   * Accept-Language (evidence; the IP's country is looked up here). Without
   * it: a consumer in the seller's country.
   */
  tax?: CheckoutTaxInput | undefined;
  /** The affiliate referral of this visit and the remembered one (affiliates/attribution.ts decides). */
  referral?: Referral | undefined;
};

export type CheckoutTaxInput = Omit<BuyerTaxInput, 'totalMinor' | 'currency' | 'ipCountry'>;

export type CheckoutError =
  | QuoteError
  | 'product-unavailable'
  | 'discount-unknown'
  | 'provider-unavailable'
  | 'consent-missing'
  | 'service-consent-missing'
  | 'tax-unavailable'
  | ChoiceError
  | BuyerTaxError;

export type StartCheckoutResult =
  | { kind: 'redirect'; url: string; order: Order }
  | { kind: 'error'; error: CheckoutError; conflict?: CountryConflict | undefined };

class DiscountUsedUp extends Error {}

class ChoiceGone extends Error {
  constructor(readonly error: ChoiceError) {
    super(error);
  }
}

/** A form without tax fields: a consumer in the seller's country, no request evidence. */
export function storeBuyer(country: string | undefined): CheckoutTaxInput {
  return {
    billingCountry: country ?? 'DE',
    billingCountrySource: 'store',
    vatId: '',
    address: { name: '', street: '', postcode: '', city: '' },
    ip: null,
    acceptLanguage: undefined,
  };
}

/** Thank-you page of an order; the access key opens it without a login. */
export function orderStatusPath(order: Pick<Order, 'id' | 'access_key'>): string {
  return `/checkout/orders/${order.id}?k=${order.access_key}`;
}

/**
 * Prices the product on the server, creates a pending order (reserving a
 * discount redemption atomically), then sends the buyer to the payment
 * provider — or, for a free order, straight to delivery.
 */
export async function startCheckout(services: Services, input: StartCheckoutInput): Promise<StartCheckoutResult> {
  const { db } = services.database;
  const found = await findSellableProduct(db, input.productId);
  if (!found) return { kind: 'error', error: 'product-unavailable' };
  // A product that needs a choice is priced by it (an event's ticket type), and the choice is held with the order.
  const choiceOf = checkoutChoiceOf(found.kind);
  const choice = input.choice?.trim() ?? '';
  let product = found;
  if (choiceOf) {
    if (!choice) return { kind: 'error', error: 'choice-missing' };
    const priced = await choiceOf.price(db, found, choice, isoNow(), input.details ?? {});
    if (!priced.ok) return { kind: 'error', error: priced.error };
    product = pricedAs(found, priced.choice);
  }
  const code = input.discountCode?.trim();
  const discount = code ? await findDiscountByCode(db, code) : undefined;
  if (code && !discount) return { kind: 'error', error: 'discount-unknown' };
  const priced = quote({ product, offered: input.offered, discount, now: isoNow(), locale: input.locale });
  if (!priced.ok) return { kind: 'error', error: priced.error };
  const q = priced.quote;
  const free = q.totalMinor === 0;
  // Nothing paid is sold without the consent its kind needs; the check lives here, so no form can skip it.
  const withdrawal = await withdrawalCaseFor(db, product, q.totalMinor);
  let consent: OrderConsentKind | undefined;
  if (withdrawal === 'digital') {
    if (!input.digitalConsent) return { kind: 'error', error: 'consent-missing' };
    consent = DIGITAL_CONSENT_KIND;
  } else if (withdrawal === 'service') {
    if (!input.serviceConsent) return { kind: 'error', error: 'service-consent-missing' };
    consent = SERVICE_CONSENT_KIND;
  }
  const settings = await loadTaxSettings(db);
  const typed = input.tax ?? storeBuyer(settings?.country);
  const resolved = await resolveBuyer(db, settings, {
    ...typed,
    ipCountry: await ipCountryOf({ path: services.config.geoipDatabase, log: services.log }, typed.ip),
    totalMinor: q.totalMinor,
    currency: q.currency,
  });
  if (!resolved.ok) return { kind: 'error', error: resolved.error, conflict: resolved.conflict };
  const { buyer, evidence, viesCheckId, address } = resolved.value;
  let tax: OrderTax | undefined;
  try {
    tax = settings
      ? await decideOrderTax(db, {
          settings,
          buyer,
          currency: q.currency,
          items: [{ product_id: product.id, title: product.title, total_minor: q.totalMinor }],
          now: isoNow(),
        })
      : undefined;
  } catch (err) {
    // A missing rate is the seller's to fix; the buyer gets a clear message, never a 500.
    if (!(err instanceof TaxError)) throw err;
    services.log.error({ err, productId: product.id, country: buyer.country }, 'no VAT decision for a checkout');
    return { kind: 'error', error: 'tax-unavailable' };
  }
  const provider = await checkoutProvider(services);

  let order: Order;
  try {
    order = await db.transaction().execute(async (trx) => {
      const customer = await upsertCustomer(trx, input.email, input.name, input.locale);
      if (discount && !(await redeemDiscount(trx, discount.id))) throw new DiscountUsedUp();
      const now = isoNow();
      const created: Order = {
        id: randomUUID(),
        number: await nextOrderNumber(trx),
        customer_id: customer.id,
        email: input.email,
        name: input.name,
        locale: input.locale,
        status: 'pending',
        currency: q.currency,
        subtotal_minor: q.subtotalMinor,
        discount_minor: q.discountMinor,
        total_minor: q.totalMinor,
        refunded_minor: 0,
        discount_code_id: discount?.id ?? null,
        provider: free ? 'free' : provider.id,
        provider_ref: null,
        access_key: randomBytes(18).toString('base64url'),
        created_at: now,
        updated_at: now,
        paid_at: null,
        refunded_at: null,
        tax_minor: tax?.taxMinor ?? 0,
        tax_scheme: tax?.scheme ?? null,
        tax_mode: tax?.mode ?? null,
        tax_country: tax?.taxCountry ?? null,
        tax_rate_bp: tax?.rateBp ?? null,
        billing_country: buyer.country,
        buyer_vat_id: buyer.vatId,
        vies_check_id: viesCheckId,
        tax_evidence: JSON.stringify(evidence),
        billing_address: address ? JSON.stringify(address) : null,
      };
      await insertOrder(trx, created, [
        {
          id: randomUUID(),
          order_id: created.id,
          product_id: product.id,
          title: product.title,
          unit_price_minor: q.subtotalMinor,
          quantity: 1,
          discount_minor: q.discountMinor,
          total_minor: q.totalMinor,
          tax_minor: tax?.itemTaxMinor[0] ?? 0,
        },
      ]);
      await attributeOrder(trx, {
        orderId: created.id,
        buyerEmail: input.email,
        referral: input.referral,
        discountCodeId: discount?.id,
      });
      if (choiceOf) {
        const held = await choiceOf.reserve(trx, {
          order: created,
          product: found,
          choice,
          now,
          details: input.details ?? {},
        });
        if (held !== 'ok') throw new ChoiceGone(held);
      }
      if (consent) await recordOrderConsent(trx, created.id, consent, input.locale, now);
      await recordOrderEvent(trx, created.id, 'created', {
        totalMinor: q.totalMinor,
        currency: q.currency,
        discountCode: discount?.code,
        taxMinor: created.tax_minor,
        taxScheme: created.tax_scheme,
        billingCountry: buyer.country,
        ...(evidence.vatIdUnverified ? { vatIdUnverified: evidence.vatIdUnverified } : {}),
      });
      if (free) await services.orders.markPaid(trx, created, { provider: 'free' });
      else {
        const runAt = new Date(Date.now() + services.config.orderExpiryMinutes * 60_000);
        await enqueueJob(trx, expireOrderJob, { orderId: created.id }, { runAt, uniqueKey: `expire:${created.id}` });
      }
      return created;
    });
  } catch (err) {
    if (err instanceof DiscountUsedUp) return { kind: 'error', error: 'discount-used-up' };
    if (err instanceof ChoiceGone) return { kind: 'error', error: err.error };
    throw err;
  }
  if (free) {
    services.nudgeWorker();
    return { kind: 'redirect', url: orderStatusPath(order), order };
  }
  return sendToProvider(services, order);
}

async function sendToProvider(services: Services, order: Order): Promise<StartCheckoutResult> {
  const { db } = services.database;
  const provider = await checkoutProvider(services);
  const returnUrl = `${services.config.publicUrl}${orderStatusPath(order)}`;
  try {
    const session = await provider.createCheckout({
      order,
      items: await findOrderItems(db, order.id),
      returnUrl,
      cancelUrl: returnUrl,
    });
    await db.transaction().execute((trx) => recordPaymentStarted(trx, order.id, provider.id, session.providerRef));
    return { kind: 'redirect', url: session.redirectUrl, order: { ...order, provider_ref: session.providerRef } };
  } catch (err) {
    services.log.error({ err, orderId: order.id }, 'payment provider did not start a checkout');
    return { kind: 'error', error: 'provider-unavailable' };
  }
}
