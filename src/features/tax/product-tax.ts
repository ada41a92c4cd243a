import type { Db } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { DEFAULT_TAX_CATEGORY, isTaxCategory, type TaxCategory } from './categories.js';
import { type EuCountry, isEuCountry } from './countries.js';

export type ProductTax = { category: TaxCategory; placeCountry: EuCountry | null };

/** Each product's VAT category; products without a row are electronically supplied services. */
export async function productTaxOf(db: Db, productIds: readonly string[]): Promise<Map<string, ProductTax>> {
  const out = new Map<string, ProductTax>();
  for (const id of productIds) out.set(id, { category: DEFAULT_TAX_CATEGORY, placeCountry: null });
  if (productIds.length === 0) return out;
  const rows = await db.selectFrom('product_tax_settings').selectAll().where('product_id', 'in', productIds).execute();
  for (const r of rows) {
    out.set(r.product_id, {
      category: isTaxCategory(r.category) ? r.category : DEFAULT_TAX_CATEGORY,
      placeCountry: isEuCountry(r.place_country) ? r.place_country : null,
    });
  }
  return out;
}

export async function setProductTax(db: Db, productId: string, tax: ProductTax): Promise<void> {
  const values = { category: tax.category, place_country: tax.placeCountry, updated_at: isoNow() };
  await db
    .insertInto('product_tax_settings')
    .values({ product_id: productId, ...values })
    .onConflict((oc) => oc.column('product_id').doUpdateSet(values))
    .execute();
}
