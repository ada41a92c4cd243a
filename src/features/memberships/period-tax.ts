import type { Kysely } from 'kysely';
import type { DB, Db, Subscription } from '../../db/schema.js';
import type { ResolvedBuyer } from '../checkout/order-tax.js';
import { decideOrderTax, type OrderTax } from '../checkout/order-tax.js';
import { TaxError } from '../tax/categories.js';
import { loadTaxSettings } from '../tax/tax-settings.js';

/**
 * The VAT of one billing period. The buyer's inputs are taken once, at
 * subscribe (billing country, verified VAT ID, address, location evidence),
 * and kept on the subscription; each period's order decides with the rates
 * valid on its own date, so a rate change applies from the next period.
 */
export type PeriodTax = {
  decision: OrderTax | undefined;
  billingCountry: string | null;
  vatId: string | null;
  viesCheckId: string | null;
  evidence: string | null;
  address: string | null;
};

export type SubscriptionBuyer = Pick<
  Subscription,
  'billing_country' | 'buyer_vat_id' | 'billing_address' | 'vies_check_id' | 'tax_evidence'
>;

/** The subscription columns for a buyer resolved at subscribe. */
export function subscriptionBuyerOf(resolved: ResolvedBuyer | undefined): SubscriptionBuyer {
  return {
    billing_country: resolved?.buyer.country ?? null,
    buyer_vat_id: resolved?.buyer.vatId ?? null,
    billing_address: resolved?.address ? JSON.stringify(resolved.address) : null,
    vies_check_id: resolved?.viesCheckId ?? null,
    tax_evidence: resolved ? JSON.stringify(resolved.evidence) : null,
  };
}

type PeriodItem = { productId: string; title: string; amountMinor: number; currency: string };

/**
 * Decides a period's VAT. Throws TaxError when a rate is missing: subscribe
 * answers with a form error; a renewal uses `decideRenewalTax`.
 */
export async function decidePeriodTax(
  db: Db,
  buyer: SubscriptionBuyer,
  item: PeriodItem,
  at: string,
): Promise<PeriodTax> {
  const inputs = {
    billingCountry: buyer.billing_country,
    vatId: buyer.buyer_vat_id,
    viesCheckId: buyer.vies_check_id,
    evidence: buyer.tax_evidence,
    address: buyer.billing_address,
  };
  const settings = await loadTaxSettings(db);
  if (!settings || item.amountMinor === 0) return { decision: undefined, ...inputs };
  const decision = await decideOrderTax(db as Kysely<DB>, {
    settings,
    // Subscriptions from before the country was asked: a consumer in the seller's country (as invoices assume).
    buyer: { country: buyer.billing_country ?? settings.country, vatId: buyer.buyer_vat_id },
    currency: item.currency,
    items: [{ product_id: item.productId, title: item.title, total_minor: item.amountMinor }],
    now: at,
  });
  return { decision, ...inputs };
}

/**
 * A renewal's VAT: the money is taken already, so a missing rate never stops
 * it; the order then carries no decision and its invoice decides at issue.
 */
export async function decideRenewalTax(
  db: Db,
  buyer: SubscriptionBuyer,
  item: PeriodItem,
  at: string,
): Promise<PeriodTax | undefined> {
  try {
    return await decidePeriodTax(db, buyer, item, at);
  } catch (err) {
    if (err instanceof TaxError) return undefined;
    throw err;
  }
}
