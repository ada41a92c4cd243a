import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Dialect } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { UNKNOWN_COUNTRY } from './country-sales.js';
import { boundaryOf, offsetSegments } from './day-shift.js';
import { recountCountrySales } from './rebuild-country-sales.js';
import { storeTimeZone } from './settings.js';
import { addDays } from './time-zone.js';

/** SQL for the local-day shift (−1/0/+1) of an ISO time column, from the zone's offset stretches. */
function shiftSql(column: RawBuilder<unknown>, fromIso: string, toIso: string, timeZone: string): RawBuilder<number> {
  const segments = offsetSegments(fromIso, toIso, timeZone);
  const inner = (offset: number) => {
    const b = boundaryOf(offset);
    return sql`CASE WHEN substr(${column}, 12, 5) >= ${b.time} THEN ${sql.lit(b.shiftAfter)} ELSE ${sql.lit(b.shiftBefore)} END`;
  };
  const last = segments[segments.length - 1];
  if (segments.length === 1 && last) return sql<number>`(${inner(last.offset)})`;
  const arms = segments.map((s) =>
    s.untilIso ? sql`WHEN ${column} < ${s.untilIso} THEN ${inner(s.offset)}` : sql`ELSE ${inner(s.offset)}`,
  );
  return sql<number>`CASE ${sql.join(arms, sql` `)} END`;
}

type Grouped = { currency: string; d: string; s: number | string } & Record<string, number | string | null>;

function dayOf(r: Grouped): string {
  return addDays(r.d, Number(r.s));
}

/**
 * Recomputes every sales aggregate from the orders, grouped in the database by
 * store-local day (use after changing the time zone, or for data from before
 * the aggregates existed). One transaction; on PostgreSQL the ledger is locked
 * first, so a sale being paid meanwhile waits and is then counted once.
 */
export async function rebuildSalesAggregates(db: Kysely<DB>, dialect: Dialect): Promise<{ orders: number }> {
  return db.transaction().execute(async (trx) => {
    if (dialect === 'postgres') await sql`LOCK TABLE analytics_orders IN EXCLUSIVE MODE`.execute(trx);
    const timeZone = await storeTimeZone(trx);
    const tables = [
      'daily_sales',
      'daily_product_sales',
      'daily_country_sales',
      'analytics_orders',
      'analytics_customers',
    ] as const;
    for (const t of tables) {
      await trx.deleteFrom(t).execute();
    }
    const range = await sql<{ lo: string | null; hi: string | null }>`
      SELECT MIN(paid_at) AS lo, MAX(COALESCE(refunded_at, updated_at)) AS hi FROM orders WHERE paid_at IS NOT NULL`.execute(
      trx,
    );
    const lo = range.rows[0]?.lo;
    const hi = range.rows[0]?.hi;
    if (!lo || !hi) return { orders: 0 };
    const paid = shiftSql(sql.ref('o.paid_at'), lo, hi, timeZone);
    const refundAt = sql`COALESCE(o.refunded_at, o.updated_at)`;
    // A known fee in the order's own currency: the only kind that is summed (record-sale.ts says why).
    const sameFee = sql`o.total_minor > 0 AND f.fee_minor IS NOT NULL AND f.fee_currency = o.currency`;
    const refunded = shiftSql(refundAt, lo, hi, timeZone);

    // A fee counts when known (an order of nothing has none to charge), as in record-sale.ts.
    const ledger = await sql`
      INSERT INTO analytics_orders (order_id, currency, counted_gross_minor, counted_refunded_minor, counted_country, counted_fee_minor, counted_fee_currency)
      SELECT o.id, o.currency, o.total_minor, o.refunded_minor, COALESCE(o.billing_country, ${UNKNOWN_COUNTRY}),
        CASE WHEN o.total_minor = 0 THEN 0 WHEN d.fee_currency IS NOT NULL THEN d.fee_minor END,
        CASE WHEN o.total_minor = 0 THEN o.currency WHEN d.fee_minor IS NOT NULL THEN d.fee_currency END
      FROM orders o LEFT JOIN order_payment_details d ON d.order_id = o.id WHERE o.paid_at IS NOT NULL`.execute(trx);
    await sql`
      INSERT INTO analytics_customers (customer_id, first_paid_at)
      SELECT customer_id, MIN(paid_at) FROM orders WHERE paid_at IS NOT NULL GROUP BY customer_id`.execute(trx);

    const days = new Map<
      string,
      {
        day: string;
        currency: string;
        gross: number;
        refunded: number;
        tax: number;
        refundedTax: number;
        orders: number;
        refunds: number;
        fresh: number;
        fee: number;
        feeOrders: number;
        foreignFeeOrders: number;
      }
    >();
    const at = (day: string, currency: string) => {
      const k = `${day}|${currency}`;
      const v = days.get(k) ?? {
        day,
        currency,
        gross: 0,
        refunded: 0,
        tax: 0,
        refundedTax: 0,
        orders: 0,
        refunds: 0,
        fresh: 0,
        fee: 0,
        feeOrders: 0,
        foreignFeeOrders: 0,
      };
      days.set(k, v);
      return v;
    };
    const sales = await sql<Grouped>`
      SELECT o.currency AS currency, substr(o.paid_at, 1, 10) AS d, ${paid} AS s, SUM(o.total_minor) AS g, SUM(o.tax_minor) AS t, COUNT(*) AS n,
        SUM(CASE WHEN ${sameFee} THEN f.fee_minor ELSE 0 END) AS f,
        SUM(CASE WHEN o.total_minor = 0 OR ${sameFee} THEN 1 ELSE 0 END) AS fo,
        SUM(CASE WHEN o.total_minor <> 0 AND f.fee_minor IS NOT NULL AND f.fee_currency <> o.currency THEN 1 ELSE 0 END) AS ffo
      FROM orders o LEFT JOIN order_payment_details f ON f.order_id = o.id
      WHERE o.paid_at IS NOT NULL GROUP BY 1, 2, 3`.execute(trx);
    for (const r of sales.rows) {
      const v = at(dayOf(r), r.currency);
      v.gross += Number(r.g);
      v.tax += Number(r.t);
      v.orders += Number(r.n);
      v.fee += Number(r.f);
      v.feeOrders += Number(r.fo);
      v.foreignFeeOrders += Number(r.ffo);
    }
    const refunds = await sql<Grouped>`
      SELECT o.currency AS currency, substr(${refundAt}, 1, 10) AS d, ${refunded} AS s, SUM(o.refunded_minor) AS g,
        SUM((CAST(o.tax_minor AS bigint) * o.refunded_minor) / o.total_minor) AS t, COUNT(*) AS n
      FROM orders o WHERE o.paid_at IS NOT NULL AND o.refunded_minor > 0 AND o.total_minor > 0 GROUP BY 1, 2, 3`.execute(
      trx,
    );
    for (const r of refunds.rows) {
      const v = at(dayOf(r), r.currency);
      v.refunded += Number(r.g);
      v.refundedTax += Number(r.t);
      v.refunds += Number(r.n);
    }
    const firsts = shiftSql(sql.ref('c.first_paid_at'), lo, hi, timeZone);
    const fresh = await sql<Grouped>`
      SELECT o.currency AS currency, substr(c.first_paid_at, 1, 10) AS d, ${firsts} AS s, COUNT(DISTINCT c.customer_id) AS n
      FROM analytics_customers c JOIN orders o ON o.customer_id = c.customer_id AND o.paid_at = c.first_paid_at
      GROUP BY 1, 2, 3`.execute(trx);
    for (const r of fresh.rows) at(dayOf(r), r.currency).fresh += Number(r.n);
    const rows = [...days.values()].map((v) => ({
      day: v.day,
      currency: v.currency,
      gross_minor: v.gross,
      refunded_minor: v.refunded,
      tax_minor: v.tax,
      refunded_tax_minor: v.refundedTax,
      orders: v.orders,
      refunds: v.refunds,
      new_customers: v.fresh,
      fee_minor: v.fee,
      fee_orders: v.feeOrders,
      foreign_fee_orders: v.foreignFeeOrders,
    }));
    for (let i = 0; i < rows.length; i += 500)
      await trx
        .insertInto('daily_sales')
        .values(rows.slice(i, i + 500))
        .execute();

    const products = new Map<
      string,
      {
        day: string;
        product_id: string;
        currency: string;
        gross_minor: number;
        refunded_minor: number;
        tax_minor: number;
        refunded_tax_minor: number;
        orders: number;
        units: number;
        fee_minor: number;
      }
    >();
    const pat = (day: string, productId: string, currency: string) => {
      const k = `${day}|${productId}|${currency}`;
      const v = products.get(k) ?? {
        day,
        product_id: productId,
        currency,
        gross_minor: 0,
        refunded_minor: 0,
        tax_minor: 0,
        refunded_tax_minor: 0,
        orders: 0,
        units: 0,
        fee_minor: 0,
      };
      products.set(k, v);
      return v;
    };
    const itemSales = await sql<Grouped & { p: string }>`
      SELECT o.currency AS currency, oi.product_id AS p, substr(o.paid_at, 1, 10) AS d, ${paid} AS s,
        SUM(oi.total_minor) AS g, SUM(oi.tax_minor) AS t, COUNT(DISTINCT o.id) AS n, SUM(oi.quantity) AS u,
        SUM(CASE WHEN ${sameFee} THEN (CAST(oi.total_minor AS bigint) * f.fee_minor) / o.total_minor ELSE 0 END) AS f
      FROM order_items oi JOIN orders o ON o.id = oi.order_id LEFT JOIN order_payment_details f ON f.order_id = o.id
      WHERE o.paid_at IS NOT NULL GROUP BY 1, 2, 3, 4`.execute(trx);
    for (const r of itemSales.rows) {
      const v = pat(dayOf(r), r.p, r.currency);
      v.gross_minor += Number(r.g);
      v.tax_minor += Number(r.t);
      v.orders += Number(r.n);
      v.units += Number(r.u);
      v.fee_minor += Number(r.f);
    }
    const itemRefunds = await sql<Grouped & { p: string }>`
      SELECT o.currency AS currency, oi.product_id AS p, substr(${refundAt}, 1, 10) AS d, ${refunded} AS s,
        SUM((CAST(oi.total_minor AS bigint) * o.refunded_minor) / o.total_minor) AS g,
        SUM((CAST(oi.tax_minor AS bigint) * o.refunded_minor) / o.total_minor) AS t
      FROM order_items oi JOIN orders o ON o.id = oi.order_id
      WHERE o.paid_at IS NOT NULL AND o.refunded_minor > 0 AND o.total_minor > 0 GROUP BY 1, 2, 3, 4`.execute(trx);
    for (const r of itemRefunds.rows) {
      const v = pat(dayOf(r), r.p, r.currency);
      v.refunded_minor += Number(r.g);
      v.refunded_tax_minor += Number(r.t);
    }
    const prow = [...products.values()];
    for (let i = 0; i < prow.length; i += 500) {
      await trx
        .insertInto('daily_product_sales')
        .values(prow.slice(i, i + 500))
        .execute();
    }
    await recountCountrySales(trx, { paid, refunded, refundAt });
    return { orders: Number(ledger.numAffectedRows ?? 0) };
  });
}
