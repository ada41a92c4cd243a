import { type RawBuilder, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { UNKNOWN_COUNTRY } from './country-sales.js';
import { addDays } from './time-zone.js';

type Row = { currency: string; country: string; d: string; s: number | string; g: unknown; t: unknown; n: unknown };

/**
 * Recounts `daily_country_sales` from the orders inside the sales recount's
 * transaction, with the same local-day shifts (`paid`, `refunded`: −1/0/+1 per
 * UTC date) and the same refund rules as `daily_sales`, grouped by the
 * billing country (UNKNOWN_COUNTRY when none; the ledger's insert there
 * takes the same). The caller has emptied the table.
 */
export async function recountCountrySales(
  trx: Transaction<DB>,
  at: { paid: RawBuilder<number>; refunded: RawBuilder<number>; refundAt: RawBuilder<unknown> },
): Promise<void> {
  const country = sql`COALESCE(o.billing_country, ${UNKNOWN_COUNTRY})`;
  const rows = new Map<
    string,
    {
      day: string;
      country: string;
      currency: string;
      gross_minor: number;
      refunded_minor: number;
      tax_minor: number;
      refunded_tax_minor: number;
      orders: number;
      refunds: number;
    }
  >();
  const row = (r: Row) => {
    const day = addDays(r.d, Number(r.s));
    const k = `${day}|${r.country}|${r.currency}`;
    const v = rows.get(k) ?? {
      day,
      country: r.country,
      currency: r.currency,
      gross_minor: 0,
      refunded_minor: 0,
      tax_minor: 0,
      refunded_tax_minor: 0,
      orders: 0,
      refunds: 0,
    };
    rows.set(k, v);
    return v;
  };
  const sales = await sql<Row>`
    SELECT o.currency AS currency, ${country} AS country, substr(o.paid_at, 1, 10) AS d, ${at.paid} AS s,
      SUM(o.total_minor) AS g, SUM(o.tax_minor) AS t, COUNT(*) AS n
    FROM orders o WHERE o.paid_at IS NOT NULL GROUP BY 1, 2, 3, 4`.execute(trx);
  for (const r of sales.rows) {
    const v = row(r);
    v.gross_minor += Number(r.g);
    v.tax_minor += Number(r.t);
    v.orders += Number(r.n);
  }
  const refunds = await sql<Row>`
    SELECT o.currency AS currency, ${country} AS country, substr(${at.refundAt}, 1, 10) AS d, ${at.refunded} AS s,
      SUM(o.refunded_minor) AS g, SUM((CAST(o.tax_minor AS bigint) * o.refunded_minor) / o.total_minor) AS t, COUNT(*) AS n
    FROM orders o WHERE o.paid_at IS NOT NULL AND o.refunded_minor > 0 AND o.total_minor > 0 GROUP BY 1, 2, 3, 4`.execute(
    trx,
  );
  for (const r of refunds.rows) {
    const v = row(r);
    v.refunded_minor += Number(r.g);
    v.refunded_tax_minor += Number(r.t);
    v.refunds += Number(r.n);
  }
  const all = [...rows.values()];
  for (let i = 0; i < all.length; i += 500)
    await trx
      .insertInto('daily_country_sales')
      .values(all.slice(i, i + 500))
      .execute();
}
