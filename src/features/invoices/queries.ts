import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB, Invoice } from '../../db/schema.js';
import { EU_COUNTRIES } from '../tax/countries.js';

type Db = Kysely<DB> | Transaction<DB>;

export function findInvoiceByKey(db: Db, uniqueKey: string): Promise<Invoice | undefined> {
  return db.selectFrom('invoices').selectAll().where('unique_key', '=', uniqueKey).executeTakeFirst();
}

export function findInvoice(db: Db, id: string): Promise<Invoice | undefined> {
  return db.selectFrom('invoices').selectAll().where('id', '=', id).executeTakeFirst();
}

export function invoicesOfOrder(db: Db, orderId: string): Promise<Invoice[]> {
  return db.selectFrom('invoices').selectAll().where('order_id', '=', orderId).orderBy('sequence').execute();
}

/** Issued between two instants (ISO, end exclusive), in number order. */
export function invoicesIssuedBetween(db: Db, from: string, to: string): Promise<Invoice[]> {
  return db
    .selectFrom('invoices')
    .selectAll()
    .where('issued_at', '>=', from)
    .where('issued_at', '<', to)
    .orderBy('year')
    .orderBy('sequence')
    .execute();
}

/**
 * EUR turnover without VAT of a supply year (credit notes subtract): the § 19
 * UStG counter. Only EUR invoices count; other currencies need ECB rates (not built).
 */
export async function netTurnoverEur(db: Db, year: number): Promise<number> {
  const r = await db
    .selectFrom('invoices')
    .select(sql<string | number | null>`sum(net_minor)`.as('total'))
    .where('currency', '=', 'EUR')
    .where('supply_date', 'like', `${year}-%`)
    .executeTakeFirst();
  return Number(r?.total ?? 0);
}

/** Art. 59c counter: EUR net of B2C supplies to consumers in other member states in a supply year. */
export async function crossBorderB2cEur(db: Db, year: number, sellerCountry: string): Promise<number> {
  const r = await db
    .selectFrom('invoices')
    .select(sql<string | number | null>`sum(net_minor)`.as('total'))
    .where('currency', '=', 'EUR')
    .where('supply_date', 'like', `${year}-%`)
    .where('buyer_vat_id', 'is', null)
    .where('buyer_country', '!=', sellerCountry)
    .where('buyer_country', 'in', EU_COUNTRIES)
    .executeTakeFirst();
  return Number(r?.total ?? 0);
}

export function documentOf(db: Db, invoiceId: string, format: 'pdf' | 'cii') {
  return db
    .selectFrom('invoice_documents')
    .selectAll()
    .where('invoice_id', '=', invoiceId)
    .where('format', '=', format)
    .executeTakeFirst();
}
