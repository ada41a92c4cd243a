import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, Invoice } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { type EuCountry, isEuCountry, localDate } from '../tax/countries.js';
import { cancellationOf, formatInvoiceNumber, type InvoiceDraft } from './model.js';
import { nextInvoiceSequence } from './numbering.js';
import { findInvoiceByKey } from './queries.js';

class AlreadyIssued extends Error {}

/**
 * A refund cancels the invoice with a credit note (Stornorechnung) that
 * references it and mirrors it line by line; the original stays untouched.
 * Once per order (unique key `credit:<order>`).
 */
export async function issueCreditNoteRecord(
  db: Kysely<DB>,
  o: { original: Invoice; prefix: string; now?: Date },
): Promise<Invoice> {
  const { original } = o;
  const key = `credit:${original.order_id}`;
  const existing = await findInvoiceByKey(db, key);
  if (existing) return existing;
  const seller = JSON.parse(original.seller) as { country: string };
  const country: EuCountry = isEuCountry(seller.country) ? seller.country : 'DE';
  const issuedAt = isoNow(o.now);
  const mirrored = cancellationOf({
    lines: JSON.parse(original.lines) as InvoiceDraft['lines'],
    breakdown: JSON.parse(original.breakdown) as InvoiceDraft['breakdown'],
    netMinor: original.net_minor,
    taxMinor: original.tax_minor,
    grossMinor: original.gross_minor,
  });
  try {
    return await db.transaction().execute(async (trx) => {
      const year = Number(localDate(issuedAt, country).slice(0, 4));
      const sequence = await nextInvoiceSequence(trx, year);
      if (await findInvoiceByKey(trx, key)) throw new AlreadyIssued();
      const row: Invoice = {
        ...original,
        id: randomUUID(),
        number: formatInvoiceNumber(o.prefix, year, sequence),
        unique_key: key,
        kind: 'credit_note',
        original_invoice_id: original.id,
        year,
        sequence,
        issued_at: issuedAt,
        lines: JSON.stringify(mirrored.lines),
        breakdown: JSON.stringify(mirrored.breakdown),
        net_minor: mirrored.netMinor,
        tax_minor: mirrored.taxMinor,
        gross_minor: mirrored.grossMinor,
      };
      await trx.insertInto('invoices').values(row).execute();
      return row;
    });
  } catch (e) {
    if (e instanceof AlreadyIssued) return (await findInvoiceByKey(db, key)) as Invoice;
    throw e;
  }
}
