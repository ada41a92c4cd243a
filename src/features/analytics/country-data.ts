import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export type CountrySales = {
  /** ISO 3166-1 alpha-2, or UNKNOWN_COUNTRY for orders without a billing country. */
  country: string;
  gross: number;
  refunded: number;
  /** VAT included in gross, and in refunded. */
  tax: number;
  refundedTax: number;
  orders: number;
  refunds: number;
};

/** A period's sales per buyer's country in one currency: one grouped read of the daily country sums. */
export async function loadCountrySales(
  db: Kysely<DB>,
  opts: { currency: string; from: string; to: string },
): Promise<CountrySales[]> {
  const rows = await db
    .selectFrom('daily_country_sales')
    .select((eb) => [
      'country',
      eb.fn.sum<number>('gross_minor').as('g'),
      eb.fn.sum<number>('refunded_minor').as('r'),
      eb.fn.sum<number>('tax_minor').as('t'),
      eb.fn.sum<number>('refunded_tax_minor').as('rt'),
      eb.fn.sum<number>('orders').as('o'),
      eb.fn.sum<number>('refunds').as('rf'),
    ])
    .where('day', '>=', opts.from)
    .where('day', '<=', opts.to)
    .where('currency', '=', opts.currency)
    .groupBy('country')
    .execute();
  return rows.map((r) => ({
    country: r.country,
    gross: Number(r.g ?? 0),
    refunded: Number(r.r ?? 0),
    tax: Number(r.t ?? 0),
    refundedTax: Number(r.rt ?? 0),
    orders: Number(r.o ?? 0),
    refunds: Number(r.rf ?? 0),
  }));
}
