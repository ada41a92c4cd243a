import type { Db, Product, ProductKind } from '../../db/schema.js';
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

/** A product kind whose creator chooses the rule per product (an event), instead of the VAT category. */
export type WithdrawalRule = (db: Db, product: Pick<Product, 'id' | 'kind'>) => Promise<WithdrawalCase | undefined>;

const rules = new Map<ProductKind, WithdrawalRule>();

/** Called once with the features' rules (features/index.ts). */
export function registerWithdrawalRule(kind: ProductKind, rule: WithdrawalRule): void {
  rules.set(kind, rule);
}

/** The case of a sale of `product` for `totalMinor`: the product kind's own rule if it has one, else the VAT category's. */
export async function withdrawalCaseFor(
  db: Db,
  product: Pick<Product, 'id' | 'kind'>,
  totalMinor: number,
): Promise<WithdrawalCase> {
  if (totalMinor <= 0) return 'none';
  const own = await rules.get(product.kind)?.(db, product);
  if (own) return own;
  const category = (await productTaxOf(db, [product.id])).get(product.id)?.category ?? DEFAULT_TAX_CATEGORY;
  return withdrawalCaseOf(category, totalMinor);
}

/** A product's case as its forms show it (by its pricing: a free product needs nothing). */
export async function productWithdrawalCase(
  db: Db,
  product: Pick<Product, 'id' | 'kind' | 'pricing'>,
): Promise<WithdrawalCase> {
  return withdrawalCaseFor(db, product, product.pricing === 'free' ? 0 : 1);
}
