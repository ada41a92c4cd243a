import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB, Invoice } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { withinTransaction } from '../../db/within-transaction.js';
import { type EuCountry, isEuCountry, localDate } from '../tax/countries.js';
import {
  buildInvoiceDraft,
  cancellationOf,
  formatInvoiceNumber,
  type InvoiceDraft,
  type InvoiceLine,
  proportionalShares,
  type TaxGroup,
} from './model.js';
import { nextInvoiceSequence } from './numbering.js';
import { findInvoiceByKey } from './queries.js';

class AlreadyIssued extends Error {}

class NothingToCredit extends Error {}

/**
 * A refund cancels the invoice with a credit note (Stornorechnung) that
 * references it; the original stays untouched. A full refund of an invoice
 * never credited mirrors it line by line (unique key `credit:<order>`). A
 * partial refund credits its share: `refundedMinor` is the gross refunded so
 * far, the note credits what earlier notes have not (proportional to each
 * line, same rates), under `credit:<order>:<refundedMinor>`; a full refund
 * after partial ones credits the rest. Credited amounts are summed inside the
 * transaction that holds the sequence lock, so concurrent notes never credit
 * twice; a note with nothing left to credit is not issued (and takes no number).
 */
export async function issueCreditNoteRecord(
  db: Kysely<DB>,
  o: { original: Invoice; prefix: string; refundedMinor?: number; now?: Date },
): Promise<Invoice | undefined> {
  const { original } = o;
  const full = o.refundedMinor === undefined || o.refundedMinor >= original.gross_minor;
  const key = full ? `credit:${original.order_id}` : `credit:${original.order_id}:${o.refundedMinor}`;
  const target = full ? original.gross_minor : (o.refundedMinor ?? 0);
  const existing = await findInvoiceByKey(db, key);
  if (existing) return existing;
  const seller = JSON.parse(original.seller) as { country: string };
  const country: EuCountry = isEuCountry(seller.country) ? seller.country : 'DE';
  const issuedAt = isoNow(o.now);
  try {
    return await withinTransaction(db, async (trx) => {
      const year = Number(localDate(issuedAt, country).slice(0, 4));
      const sequence = await nextInvoiceSequence(trx, year);
      if (await findInvoiceByKey(trx, key)) throw new AlreadyIssued();
      const earlier = await creditNotesOf(trx, original.id);
      const credited = -earlier.reduce((sum, c) => sum + c.gross_minor, 0);
      const amount = target - credited;
      if (amount <= 0) throw new NothingToCredit();
      const body =
        amount === original.gross_minor
          ? mirror(original)
          : full
            ? remainder(original, earlier)
            : share(original, amount);
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
        lines: JSON.stringify(body.lines),
        breakdown: JSON.stringify(body.breakdown),
        net_minor: body.netMinor,
        tax_minor: body.taxMinor,
        gross_minor: body.grossMinor,
      };
      await trx.insertInto('invoices').values(row).execute();
      return row;
    });
  } catch (e) {
    if (e instanceof AlreadyIssued) return findInvoiceByKey(db, key);
    if (e instanceof NothingToCredit) return undefined;
    throw e;
  }
}

function creditNotesOf(trx: Transaction<DB>, invoiceId: string) {
  return trx
    .selectFrom('invoices')
    .select(['gross_minor', 'lines', 'breakdown'])
    .where('original_invoice_id', '=', invoiceId)
    .where('kind', '=', 'credit_note')
    .execute();
}

function mirror(original: Invoice) {
  return cancellationOf({
    lines: JSON.parse(original.lines) as InvoiceDraft['lines'],
    breakdown: JSON.parse(original.breakdown) as InvoiceDraft['breakdown'],
    netMinor: original.net_minor,
    taxMinor: original.tax_minor,
    grossMinor: original.gross_minor,
  });
}

/** A part of the invoice credited: the amount spread over the lines in proportion, each keeping its rate. */
function share(original: Invoice, amountMinor: number) {
  const lines = JSON.parse(original.lines) as InvoiceLine[];
  const parts = proportionalShares(
    lines.map((l) => l.grossMinor),
    amountMinor,
  );
  const draft = buildInvoiceDraft(
    lines.map((l, i) => ({ ...l, grossMinor: -(parts[i] ?? 0) })),
    original.mode === 'small_business' ? 'small_business' : 'regular',
  );
  return draft;
}

/**
 * What earlier partial credit notes left: line by line and per VAT group, so
 * all credit notes together cancel the invoice to the cent (gross, net and VAT).
 */
function remainder(original: Invoice, earlier: readonly { lines: string; breakdown: string }[]) {
  const lines = (JSON.parse(original.lines) as InvoiceLine[]).map((l) => ({ ...l }));
  const groups = (JSON.parse(original.breakdown) as TaxGroup[]).map((g) => ({ ...g }));
  const keyOf = (g: Pick<TaxGroup, 'scheme' | 'taxCountry' | 'rateBp'>) => `${g.scheme}|${g.taxCountry}|${g.rateBp}`;
  for (const c of earlier) {
    (JSON.parse(c.lines) as InvoiceLine[]).forEach((l, i) => {
      const line = lines[i];
      if (!line) return;
      line.grossMinor += l.grossMinor;
      line.netMinor += l.netMinor;
    });
    for (const g of JSON.parse(c.breakdown) as TaxGroup[]) {
      const group = groups.find((x) => keyOf(x) === keyOf(g));
      if (!group) continue;
      group.grossMinor += g.grossMinor;
      group.netMinor += g.netMinor;
      group.taxMinor += g.taxMinor;
    }
  }
  const neg = (n: number) => (n === 0 ? 0 : -n);
  const breakdown = groups.map((g) => ({
    ...g,
    grossMinor: neg(g.grossMinor),
    netMinor: neg(g.netMinor),
    taxMinor: neg(g.taxMinor),
  }));
  return {
    lines: lines.map((l) => ({ ...l, grossMinor: neg(l.grossMinor), netMinor: neg(l.netMinor) })),
    breakdown,
    netMinor: breakdown.reduce((s, g) => s + g.netMinor, 0),
    taxMinor: breakdown.reduce((s, g) => s + g.taxMinor, 0),
    grossMinor: breakdown.reduce((s, g) => s + g.grossMinor, 0),
  };
}
