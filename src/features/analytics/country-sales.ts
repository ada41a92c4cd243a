import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

/**
 * The country of orders without a billing country (from before checkout
 * asked): ISO 3166's user-assigned code for an unknown region, which no buyer
 * can choose (tax/countries.ts leaves it out of the billing countries).
 */
export const UNKNOWN_COUNTRY = 'ZZ';

/** The country a sale counts under: its billing country, or the unknown bucket. */
export function countryOfSale(billingCountry: string | null): string {
  return billingCountry ?? UNKNOWN_COUNTRY;
}

export type CountryDelta = {
  gross?: number;
  refunded?: number;
  tax?: number;
  refundedTax?: number;
  orders?: number;
  refunds?: number;
};

/** Adds to one day's sums of a country (an upsert, so the first sale of a day creates the row). */
export async function addCountryDay(
  trx: Transaction<DB>,
  day: string,
  country: string,
  currency: string,
  add: CountryDelta,
): Promise<void> {
  const v = {
    gross_minor: add.gross ?? 0,
    refunded_minor: add.refunded ?? 0,
    tax_minor: add.tax ?? 0,
    refunded_tax_minor: add.refundedTax ?? 0,
    orders: add.orders ?? 0,
    refunds: add.refunds ?? 0,
  };
  await trx
    .insertInto('daily_country_sales')
    .values({ day, country, currency, ...v })
    .onConflict((oc) =>
      oc.columns(['day', 'country', 'currency']).doUpdateSet({
        gross_minor: sql`daily_country_sales.gross_minor + ${v.gross_minor}`,
        refunded_minor: sql`daily_country_sales.refunded_minor + ${v.refunded_minor}`,
        tax_minor: sql`daily_country_sales.tax_minor + ${v.tax_minor}`,
        refunded_tax_minor: sql`daily_country_sales.refunded_tax_minor + ${v.refunded_tax_minor}`,
        orders: sql`daily_country_sales.orders + ${v.orders}`,
        refunds: sql`daily_country_sales.refunds + ${v.refunds}`,
      }),
    )
    .execute();
}
