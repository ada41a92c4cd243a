import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { buildInvoiceDraft } from '../invoices/model.js';

/** Test helpers: the ECB sample files and invoices written straight into the table. */

/** Small samples in the ECB's exact formats (header, trailing commas, "N/A", the XML envelope). */
export const sample = (name: 'eurofxref.csv' | 'eurofxref-hist.csv' | 'eurofxref-daily.xml') =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

let sequence = 0;

/** An issued invoice (or credit note: negative gross) of one line. */
export async function insertInvoice(
  db: Kysely<DB>,
  o: {
    currency: string;
    grossMinor: number;
    issuedAt: string;
    scheme?: 'oss' | 'domestic';
    country?: string;
    rateBp?: number;
    buyerCountry?: string;
  },
): Promise<string> {
  const scheme = o.scheme ?? 'oss';
  const country = o.country ?? 'FR';
  const d = buildInvoiceDraft(
    [
      {
        title: 'Course',
        quantity: 1,
        category: 'electronic_service',
        scheme,
        taxCountry: country,
        rateBp: o.rateBp ?? 2000,
        grossMinor: o.grossMinor,
      },
    ],
    'regular',
  );
  const id = randomUUID();
  sequence += 1;
  await db
    .insertInto('invoices')
    .values({
      id,
      number: `T-${id.slice(0, 8)}`,
      unique_key: `test:${id}`,
      kind: o.grossMinor < 0 ? 'credit_note' : 'invoice',
      order_id: randomUUID(),
      original_invoice_id: null,
      year: Number(o.issuedAt.slice(0, 4)),
      sequence: 100_000 + sequence,
      issued_at: o.issuedAt,
      supply_date: o.issuedAt.slice(0, 10),
      locale: 'en',
      currency: o.currency,
      mode: 'regular',
      scheme: d.scheme,
      tax_country: d.taxCountry,
      buyer_country: o.buyerCountry ?? country,
      buyer_vat_id: null,
      seller: '{}',
      buyer: '{"name":"Kim"}',
      lines: JSON.stringify(d.lines),
      breakdown: JSON.stringify(d.breakdown),
      net_minor: d.netMinor,
      tax_minor: d.taxMinor,
      gross_minor: d.grossMinor,
    })
    .execute();
  return id;
}
