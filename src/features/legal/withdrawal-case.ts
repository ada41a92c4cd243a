import type { Db } from '../../db/schema.js';
import { DEFAULT_TAX_CATEGORY, type TaxCategory } from '../tax/categories.js';
import { productTaxOf } from '../tax/product-tax.js';

/**
 * Which withdrawal rule of the BGB a paid product falls under, by its VAT category:
 * - digital: digital content (downloads, keys, recorded courses, e-publications):
 *   the buyer's express consent to delivery before the withdrawal period ends
 *   and the acknowledgement that the right is lost with it (§ 356 (5) BGB);
 * - service: a service (1:1 sessions, live online events): the buyer's express
 *   request to start before the period ends, acknowledging that the right ends
 *   on full performance (§ 356 (4) BGB) and that a pro-rata value is owed on
 *   withdrawal after the start (§ 357a (2) BGB);
 * - event: a leisure event on a specific date (physical events): no right of
 *   withdrawal at all (§ 312g (2) no. 9 BGB), said so at checkout;
 * - none: free of charge, nothing to consent to.
 * Live online events count as services: whether one is a leisure activity
 * (no right) or teaching (a right) depends on the event, so the buyer keeps the
 * right and is asked for the early start.
 */
export type WithdrawalCase = 'digital' | 'service' | 'event' | 'none';

export function withdrawalCaseOf(category: TaxCategory, totalMinor: number): WithdrawalCase {
  if (totalMinor <= 0) return 'none';
  switch (category) {
    case 'physical_event':
      return 'event';
    case 'personal_service':
    case 'live_online_event':
      return 'service';
    case 'electronic_service':
    case 'e_publication':
      return 'digital';
  }
}

/** A product's case as its forms show it (by its pricing: a free product needs nothing). */
export async function productWithdrawalCase(db: Db, product: { id: string; pricing: string }): Promise<WithdrawalCase> {
  const category = (await productTaxOf(db, [product.id])).get(product.id)?.category ?? DEFAULT_TAX_CATEGORY;
  return withdrawalCaseOf(category, product.pricing === 'free' ? 0 : 1);
}
