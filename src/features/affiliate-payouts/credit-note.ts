import type { AffiliateVatStatus } from '../../db/schema.js';
import type { Party } from '../invoices/model.js';
import { isEuCountry } from '../tax/countries.js';
import { vatRateOn } from '../tax/rates.js';
import { roundDiv } from '../tax/vat-amounts.js';

/**
 * A self-billed invoice ("Gutschrift", § 14 Abs. 2 Satz 2 UStG): the store,
 * which receives the affiliate's service (recommending its products), issues
 * the invoice for it in the affiliate's name. So the SELLER is the affiliate
 * and the BUYER is the store. The commission in the ledger is the price of
 * the service without VAT (the affiliate's net); VAT, where the affiliate
 * charges it, comes on top and is paid with it.
 */
export type CreditNoteScheme = 'domestic' | 'small_business' | 'reverse_charge' | 'non_eu' | 'not_liable';

export type CreditNoteTax = { scheme: CreditNoteScheme; rateBp: number };

/**
 * What VAT the credit note shows, from the affiliate's status:
 * - 'small_business' (§ 19 UStG): none, with the § 19 note;
 * - 'not_liable' (a private person): none — not a supply by an entrepreneur;
 * - 'regular' in the store's own country: that country's standard rate on the day;
 *   in another EU country: reverse charge (the store owes the VAT, Art. 196 VAT
 *   Directive); outside the EU: not taxable here (place of supply rules).
 */
export function decideCreditNoteTax(
  affiliate: { vatStatus: AffiliateVatStatus; country: string },
  storeCountry: string,
  day: string,
): CreditNoteTax {
  if (affiliate.vatStatus === 'small_business') return { scheme: 'small_business', rateBp: 0 };
  if (affiliate.vatStatus === 'not_liable') return { scheme: 'not_liable', rateBp: 0 };
  if (affiliate.country === storeCountry && isEuCountry(storeCountry)) {
    return { scheme: 'domestic', rateBp: vatRateOn(storeCountry, 'standard', day) };
  }
  if (isEuCountry(affiliate.country)) return { scheme: 'reverse_charge', rateBp: 0 };
  return { scheme: 'non_eu', rateBp: 0 };
}

export type CreditNoteAmounts = { netMinor: number; vatMinor: number; grossMinor: number };

/** VAT on top of the net commission, rounded half away from zero, integers only. */
export function creditNoteAmounts(netMinor: number, rateBp: number): CreditNoteAmounts {
  if (!Number.isSafeInteger(netMinor) || netMinor <= 0) throw new RangeError('a payout needs a positive net amount');
  const vatMinor = roundDiv(netMinor * rateBp, 10_000);
  return { netMinor, vatMinor, grossMinor: netMinor + vatMinor };
}

/** The snapshot a payout keeps (JSON column `document`): what the credit note says, never looked up again. */
export type CreditNoteDocument = CreditNoteTax &
  CreditNoteAmounts & {
    number: string;
    issuedAt: string;
    /** The payout month, YYYY-MM: the period of the service the commission pays for. */
    period: string;
    locale: 'en' | 'de';
    currency: string;
    /** The affiliate (the one who supplied the service). */
    seller: Party;
    /** The store (who received it and issues this document). */
    buyer: Party;
    /** The affiliate's partner code: identifies a seller without tax IDs (BT-29). */
    partnerId: string;
    /** The affiliate's account the money goes to (BT-84), its holder and bank (for the SEPA file). */
    iban: string;
    accountHolder?: string;
    bic?: string | null;
  };

/** "GS-2026-00042": Gutschrift, issue year, five-digit gap-free sequence of its own. */
export function formatCreditNoteNumber(year: number, sequence: number): string {
  return `GS-${year}-${String(sequence).padStart(5, '0')}`;
}

/** What an affiliate must have given before a credit note can be issued in its name. */
export function missingTaxDetails(
  a: {
    legal_name: string;
    street: string;
    postcode: string;
    city: string;
    country: string;
    vat_status: AffiliateVatStatus;
    vat_id: string | null;
    tax_number: string | null;
    iban: string;
  },
  storeCountry: string,
): string[] {
  const gaps: string[] = [];
  if (!a.legal_name || !a.street || !a.postcode || !a.city || !a.country) gaps.push('address');
  if (!a.iban) gaps.push('iban');
  // § 14 Abs. 4 Nr. 2 UStG: the supplier's tax number or VAT ID; a private person has neither.
  if (a.vat_status !== 'not_liable' && !a.vat_id && !a.tax_number) gaps.push('tax_id');
  // Reverse charge needs the supplier's VAT ID (Art. 226 Nr. 3 VAT Directive; EN 16931 BR-AE-02).
  const reverse = a.vat_status === 'regular' && a.country !== storeCountry && isEuCountry(a.country);
  if (reverse && !a.vat_id && !gaps.includes('tax_id')) gaps.push('vat_id');
  return gaps;
}
