import { type SelectQueryBuilder, sql } from 'kysely';
import type { DB, Db, Invoice } from '../../db/schema.js';
import { sumInEur } from '../exchange-rates/daily-sums.js';
import { EU_COUNTRIES } from '../tax/countries.js';

export function findInvoiceByKey(db: Db, uniqueKey: string): Promise<Invoice | undefined> {
  return db.selectFrom('invoices').selectAll().where('unique_key', '=', uniqueKey).executeTakeFirst();
}

export function findInvoice(db: Db, id: string): Promise<Invoice | undefined> {
  return db.selectFrom('invoices').selectAll().where('id', '=', id).executeTakeFirst();
}

/** An invoice with the gross of the invoice it credits (credit notes), to tell a cancellation from a correction. */
export type ListedInvoice = Invoice & { original_gross_minor: number | null };

function withOriginal(db: Db) {
  return db
    .selectFrom('invoices as i')
    .leftJoin('invoices as o', 'o.id', 'i.original_invoice_id')
    .selectAll('i')
    .select('o.gross_minor as original_gross_minor');
}

export function invoicesOfOrder(db: Db, orderId: string): Promise<ListedInvoice[]> {
  return withOriginal(db).where('i.order_id', '=', orderId).orderBy('i.sequence').execute();
}

/** Issued between two instants (ISO, end exclusive), in number order. */
export function invoicesIssuedBetween(db: Db, from: string, to: string): Promise<ListedInvoice[]> {
  return withOriginal(db)
    .where('i.issued_at', '>=', from)
    .where('i.issued_at', '<', to)
    .orderBy('i.year')
    .orderBy('i.sequence')
    .execute();
}

/**
 * EUR turnover without VAT of a supply year (credit notes subtract): the § 19
 * UStG counter. Other currencies count converted per day of supply at the
 * latest ECB rate published on or before it (exchange-rates/daily-sums.ts);
 * a day without an imported rate (none within a week) is left out.
 */
export async function netTurnoverEur(db: Db, year: number): Promise<number> {
  return eurTotal(db, year, (q) => q);
}

/** Art. 59c counter: EUR net of B2C supplies to consumers in other member states in a supply year. */
export async function crossBorderB2cEur(db: Db, year: number, sellerCountry: string): Promise<number> {
  return eurTotal(db, year, (q) =>
    q
      .where('buyer_vat_id', 'is', null)
      .where('buyer_country', '!=', sellerCountry)
      .where('buyer_country', 'in', EU_COUNTRIES),
  );
}

type InvoiceQuery = SelectQueryBuilder<DB, 'invoices', object>;

/** Net per currency of a supply year (other currencies per day, for their day's rate), in EUR. */
async function eurTotal(db: Db, year: number, narrow: (q: InvoiceQuery) => InvoiceQuery): Promise<number> {
  const day = sql<string>`case when currency = 'EUR' then '' else supply_date end`;
  const rows = await narrow(db.selectFrom('invoices').where('supply_date', 'like', `${year}-%`))
    .select(['currency', day.as('day'), sql<string | number | null>`sum(net_minor)`.as('total')])
    .groupBy(['currency', day])
    .execute();
  return (await sumInEur(db, rows, year)).eurMinor;
}

export function documentOf(db: Db, invoiceId: string, format: 'pdf' | 'cii' | 'xrechnung') {
  return db
    .selectFrom('invoice_documents')
    .selectAll()
    .where('invoice_id', '=', invoiceId)
    .where('format', '=', format)
    .executeTakeFirst();
}
