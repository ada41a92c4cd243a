import type { Invoice } from '../../db/schema.js';
import type { TaxMode } from '../tax/categories.js';
import { buildInvoiceDraft, cancellationOf, type LineInput, type Party } from './model.js';

/** Test-only: invoice rows as issued, without a database. */
export const seller: Party = {
  name: 'Lena Schreiber Kursmanufaktur',
  street: 'Hauptstraße 5',
  postcode: '10115',
  city: 'Berlin',
  country: 'DE',
  email: 'rechnung@kursmanufaktur.example',
  vatId: 'DE136695976',
  taxNumber: '27/123/45678',
  contact: { name: 'Lena Schreiber', phone: '+49 30 1234567', email: 'rechnung@kursmanufaktur.example' },
};

/** A buyer who gave a billing address at checkout (XRechnung needs postcode and city). */
export const addressed = { street: 'Ringstraße 1', postcode: '80331', city: 'München' } as const;

export const buyer = (country: string, vatId: string | null = null, over: Partial<Party> = {}): Party => ({
  name: 'Kim Buyer',
  street: '',
  postcode: '',
  city: '',
  country,
  email: 'kim@example.com',
  vatId,
  taxNumber: null,
  ...over,
});

export function invoice(
  lines: LineInput[],
  o: { mode?: TaxMode; buyer?: Party; currency?: string; seller?: Party; locale?: string } = {},
): Invoice {
  const d = buildInvoiceDraft(lines, o.mode ?? 'regular');
  const b = o.buyer ?? buyer('DE');
  return {
    id: 'i1',
    number: 'RE-2026-00001',
    unique_key: 'invoice:o1',
    kind: 'invoice',
    order_id: 'o1',
    original_invoice_id: null,
    year: 2026,
    sequence: 1,
    issued_at: '2026-03-02T10:00:00.000Z',
    supply_date: '2026-03-02',
    locale: o.locale ?? 'de',
    currency: o.currency ?? 'EUR',
    mode: d.mode,
    scheme: d.scheme,
    tax_country: d.taxCountry,
    buyer_country: b.country,
    buyer_vat_id: b.vatId,
    seller: JSON.stringify(o.seller ?? seller),
    buyer: JSON.stringify(b),
    lines: JSON.stringify(d.lines),
    breakdown: JSON.stringify(d.breakdown),
    net_minor: d.netMinor,
    tax_minor: d.taxMinor,
    gross_minor: d.grossMinor,
  };
}

export const line = (over: Partial<LineInput> = {}): LineInput => ({
  title: 'Calm Spreadsheets (PDF)',
  quantity: 1,
  category: 'electronic_service',
  scheme: 'domestic',
  taxCountry: 'DE',
  rateBp: 1900,
  grossMinor: 1900,
  ...over,
});

/** The credit note cancelling `original` in full. */
export function creditNoteOf(original: Invoice): Invoice {
  const c = cancellationOf({
    lines: JSON.parse(original.lines),
    breakdown: JSON.parse(original.breakdown),
    netMinor: original.net_minor,
    taxMinor: original.tax_minor,
    grossMinor: original.gross_minor,
  });
  return {
    ...original,
    id: 'c1',
    number: 'RE-2026-00002',
    kind: 'credit_note',
    original_invoice_id: original.id,
    sequence: 2,
    lines: JSON.stringify(c.lines),
    breakdown: JSON.stringify(c.breakdown),
    net_minor: c.netMinor,
    tax_minor: c.taxMinor,
    gross_minor: c.grossMinor,
  };
}
