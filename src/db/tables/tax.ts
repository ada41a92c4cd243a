import type { Selectable } from 'kysely';

/** Tax settings per product, VIES checks, invoices. */

/** A product's VAT category (features/tax/categories.ts); no row: electronically supplied service. */
export interface ProductTaxSettingsTable {
  product_id: string;
  category: string;
  /** Physical events and 1:1 services: where they take place; null: the seller's country. */
  place_country: string | null;
  updated_at: string;
}

/** One VIES consultation: what was asked, what came back, and the consultation number as evidence. */
export interface ViesChecksTable {
  id: string;
  vat_id: string;
  /** 'valid' | 'invalid' | 'unavailable' */
  status: string;
  consultation_number: string | null;
  name: string | null;
  address: string | null;
  error: string | null;
  request: string;
  response: string;
  checked_at: string;
}

/**
 * An issued invoice or credit note: immutable (database triggers refuse UPDATE and DELETE).
 * Amounts are minor units; a credit note's are negative. seller/buyer/lines/breakdown are JSON snapshots.
 */
export interface InvoicesTable {
  id: string;
  /** Prefix + year + gap-free sequence, e.g. RE-2026-00042. */
  number: string;
  /** 'invoice:<order>' or 'credit:<order>': the exactly-once guard of the issuing jobs. */
  unique_key: string;
  kind: 'invoice' | 'credit_note';
  order_id: string;
  original_invoice_id: string | null;
  year: number;
  sequence: number;
  issued_at: string;
  /** The seller's local date of supply (YYYY-MM-DD). */
  supply_date: string;
  locale: string;
  currency: string;
  mode: string;
  scheme: string;
  tax_country: string | null;
  buyer_country: string;
  buyer_vat_id: string | null;
  seller: string;
  buyer: string;
  lines: string;
  breakdown: string;
  net_minor: number;
  tax_minor: number;
  gross_minor: number;
}

/** The rendered files of an invoice (PDF, EN 16931 CII XML, XRechnung CII XML), stored once and never replaced. */
export interface InvoiceDocumentsTable {
  invoice_id: string;
  format: 'pdf' | 'cii' | 'xrechnung';
  storage_key: string;
  sha256: string;
  size_bytes: number;
  created_at: string;
}

/**
 * An ECB euro reference rate: 1 EUR = `rate` units of `currency` on the
 * publication day `date` (YYYY-MM-DD). `rate` is the exact decimal text (never a float).
 */
export interface ExchangeRatesTable {
  currency: string;
  date: string;
  rate: string;
  /** Where it came from: 'upload', 'fetch' or 'cli'. */
  source: string;
  imported_at: string;
}

export type Invoice = Selectable<InvoicesTable>;
