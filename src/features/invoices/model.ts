import type { TaxCategory, TaxMode, TaxScheme } from '../tax/categories.js';
import { isEuCountry, localDate } from '../tax/countries.js';
import { netOfGross } from '../tax/vat-amounts.js';

/**
 * The calendar day of an instant on the invoice's seller's clock (the seller
 * snapshot's country), as the invoice number's year and the supply date are
 * reckoned: issued at 00:30 on 1 January in Berlin is 1 January, not the
 * 31 December of UTC. A seller outside the EU's zones keeps the UTC day.
 */
export function sellerDay(instant: string, sellerJson: string): string {
  const country = (JSON.parse(sellerJson) as Pick<Party, 'country'>).country;
  return isEuCountry(country) ? localDate(instant, country) : instant.slice(0, 10);
}

/** The snapshots an invoice keeps (JSON columns): what was true when it was issued, never looked up again. */
export type Party = {
  name: string;
  street: string;
  postcode: string;
  city: string;
  country: string;
  email: string;
  vatId: string | null;
  taxNumber: string | null;
  /** The seller's contact for e-invoices (XRechnung BG-6); invoices issued before it was asked for have none. */
  contact?: { name: string; phone: string; email: string };
};

export type InvoiceLine = {
  title: string;
  quantity: number;
  category: TaxCategory;
  scheme: TaxScheme;
  taxCountry: string | null;
  rateBp: number;
  grossMinor: number;
  netMinor: number;
};

/** One VAT group: lines of the same scheme, country and rate (§ 14 Abs. 4 Nr. 7, 8 UStG; EN 16931 BG-23). */
export type TaxGroup = {
  scheme: TaxScheme;
  taxCountry: string | null;
  rateBp: number;
  grossMinor: number;
  netMinor: number;
  taxMinor: number;
};

export type InvoiceDraft = {
  lines: InvoiceLine[];
  breakdown: TaxGroup[];
  netMinor: number;
  taxMinor: number;
  grossMinor: number;
  /** The scheme that decides the invoice's notes: the one of the largest group. */
  scheme: TaxScheme;
  taxCountry: string | null;
  mode: TaxMode;
};

export type LineInput = Omit<InvoiceLine, 'netMinor'>;

const keyOf = (l: { scheme: string; taxCountry: string | null; rateBp: number }) =>
  `${l.scheme}|${l.taxCountry ?? ''}|${l.rateBp}`;

/**
 * Gross line amounts → VAT groups (net and VAT derived once per group, rounded
 * half away from zero) → line nets that add up exactly to their group.
 */
export function buildInvoiceDraft(inputs: readonly LineInput[], mode: TaxMode): InvoiceDraft {
  if (inputs.length === 0) throw new RangeError('an invoice needs at least one line');
  const groups = new Map<string, TaxGroup>();
  for (const l of inputs) {
    const g = groups.get(keyOf(l)) ?? {
      scheme: l.scheme,
      taxCountry: l.taxCountry,
      rateBp: l.rateBp,
      grossMinor: 0,
      netMinor: 0,
      taxMinor: 0,
    };
    g.grossMinor += l.grossMinor;
    groups.set(keyOf(l), g);
  }
  for (const g of groups.values()) {
    g.netMinor = netOfGross(g.grossMinor, g.rateBp);
    g.taxMinor = g.grossMinor - g.netMinor;
  }
  const lines: InvoiceLine[] = inputs.map((l) => ({ ...l, netMinor: netOfGross(l.grossMinor, l.rateBp) }));
  for (const [key, g] of groups) {
    const members = lines.filter((l) => keyOf(l) === key);
    const diff = g.netMinor - members.reduce((s, l) => s + l.netMinor, 0);
    const largest = members.reduce((a, b) => (Math.abs(b.grossMinor) > Math.abs(a.grossMinor) ? b : a));
    largest.netMinor += diff;
  }
  const breakdown = [...groups.values()].sort((a, b) => b.rateBp - a.rateBp);
  const main = breakdown.reduce((a, b) => (Math.abs(b.grossMinor) > Math.abs(a.grossMinor) ? b : a));
  return {
    lines,
    breakdown,
    netMinor: breakdown.reduce((s, g) => s + g.netMinor, 0),
    taxMinor: breakdown.reduce((s, g) => s + g.taxMinor, 0),
    grossMinor: breakdown.reduce((s, g) => s + g.grossMinor, 0),
    scheme: main.scheme,
    taxCountry: main.taxCountry,
    mode,
  };
}

/**
 * A full cancellation mirrors the original exactly (same rates, even after a
 * rate change: the correction belongs to the original supply, § 17 UStG).
 */
export function cancellationOf(d: Pick<InvoiceDraft, 'lines' | 'breakdown' | 'netMinor' | 'taxMinor' | 'grossMinor'>) {
  const neg = (n: number) => (n === 0 ? 0 : -n);
  return {
    lines: d.lines.map((l) => ({ ...l, grossMinor: neg(l.grossMinor), netMinor: neg(l.netMinor) })),
    breakdown: d.breakdown.map((g) => ({
      ...g,
      grossMinor: neg(g.grossMinor),
      netMinor: neg(g.netMinor),
      taxMinor: neg(g.taxMinor),
    })),
    netMinor: neg(d.netMinor),
    taxMinor: neg(d.taxMinor),
    grossMinor: neg(d.grossMinor),
  };
}

/**
 * `amount` split over `weights` in proportion (floor), the remainder to the
 * largest weights first, so the parts add up exactly. Weights and amount ≥ 0.
 */
export function proportionalShares(weights: readonly number[], amount: number): number[] {
  const total = weights.reduce((s, w) => s + w, 0);
  if (total <= 0) return weights.map(() => 0);
  const parts = weights.map((w) => Math.floor((w * amount) / total));
  let rest = amount - parts.reduce((s, p) => s + p, 0);
  const order = weights.map((w, i) => [w, i] as const).sort((a, b) => b[0] - a[0]);
  for (let k = 0; rest > 0; k = (k + 1) % order.length, rest--) {
    const i = order[k]?.[1] ?? 0;
    parts[i] = (parts[i] ?? 0) + 1;
  }
  return parts;
}

/** "RE-2026-00042": prefix, issue year, five-digit gap-free sequence. */
export function formatInvoiceNumber(prefix: string, year: number, sequence: number): string {
  return `${prefix}${year}-${String(sequence).padStart(5, '0')}`;
}

/** § 33 UStDV: invoices up to 250 EUR gross may be simplified (no buyer address, gross + rate). */
export const SMALL_AMOUNT_LIMIT_MINOR = 250_00;

/**
 * What a credit note is: one that takes back the whole invoice cancels it
 * (Stornorechnung); one for a part of it (a partial refund, or the rest after
 * one) corrects it (Rechnungskorrektur, § 17 UStG). Both are EN 16931 credit
 * notes (type code 381). Without the original's gross: a correction.
 */
export function creditNoteKind(
  note: { gross_minor: number },
  originalGrossMinor: number | null | undefined,
): 'cancellation' | 'correction' {
  return originalGrossMinor != null && -note.gross_minor === originalGrossMinor ? 'cancellation' : 'correction';
}
