import type { TaxScheme } from '../tax/categories.js';

/**
 * Wording printed on invoices, in the invoice's language. Legal notes:
 * § 19 Abs. 1 UStG as a tax exemption since 1 Jan 2025 (the invoice must
 * refer to the small-business exemption, § 34a UStDV; BMF 18 Mar 2025,
 * Abschn. 19.5 UStAE), § 14a Abs. 5 UStG
 * ("Steuerschuldnerschaft des Leistungsempfängers"), Art. 226 Nr. 11a VAT
 * Directive ("Reverse charge"), § 14 Abs. 4 UStG for the fields themselves.
 */
const de = {
  invoice: 'Rechnung',
  credit_note: 'Stornorechnung',
  correction: 'Rechnungskorrektur',
  number: 'Rechnungsnummer',
  date: 'Rechnungsdatum',
  supplyDate: 'Leistungsdatum',
  order: 'Bestellnummer',
  buyerVatId: 'USt-IdNr. Kunde',
  pos: 'Pos.',
  description: 'Beschreibung',
  quantity: 'Menge',
  rate: 'USt.',
  amount: 'Betrag (brutto)',
  net: 'Netto',
  vat: 'USt.',
  gross: 'Brutto',
  vatAt: 'USt. {rate} %',
  total: 'Gesamtbetrag',
  totalNet: 'Summe netto',
  paid: 'Der Betrag wurde bereits bezahlt. Vielen Dank!',
  paidOn: 'Bezahlt am {date}.',
  refundedOn: 'Erstattet am {date}.',
  payment_online: 'Online bezahlt (Zahlungsdienst)',
  payment_test: 'Testzahlung (kein echtes Geld)',
  payment_free: 'Kostenlose Bestellung: keine Zahlung',
  taxNumber: 'Steuernummer',
  vatId: 'USt-IdNr.',
  cancels: 'Storno der Rechnung {number} vom {date}: die Rechnung wird vollständig aufgehoben.',
  corrects:
    'Korrektur der Rechnung {number} vom {date}: Minderung des Entgelts durch eine teilweise Erstattung (§ 17 UStG).',
  page: 'Seite',
  note_small_business: 'Steuerbefreiung für Kleinunternehmer: Gemäß § 19 UStG wird keine Umsatzsteuer berechnet.',
  note_reverse_charge: 'Steuerschuldnerschaft des Leistungsempfängers (Reverse Charge).',
  note_non_eu: 'Nicht im Inland steuerbare Leistung: Leistungsort außerhalb der EU (§ 3a UStG).',
  note_oss: 'Umsatzsteuer des Bestimmungslandes {country} (One-Stop-Shop).',
  note_domestic: '',
} as const;

type DocTexts = Record<keyof typeof de, string>;

const en: DocTexts = {
  invoice: 'Invoice',
  credit_note: 'Credit note (cancellation)',
  correction: 'Credit note (correction)',
  number: 'Invoice number',
  date: 'Invoice date',
  supplyDate: 'Date of supply',
  order: 'Order number',
  buyerVatId: 'Customer VAT ID',
  pos: 'No.',
  description: 'Description',
  quantity: 'Qty',
  rate: 'VAT',
  amount: 'Amount (gross)',
  net: 'Net',
  vat: 'VAT',
  gross: 'Gross',
  vatAt: 'VAT {rate} %',
  total: 'Total',
  totalNet: 'Total net',
  paid: 'This amount has already been paid. Thank you!',
  paidOn: 'Paid on {date}.',
  refundedOn: 'Refunded on {date}.',
  payment_online: 'Paid online (payment service)',
  payment_test: 'Test payment (no real money)',
  payment_free: 'Free order: no payment',
  taxNumber: 'Tax number',
  vatId: 'VAT ID',
  cancels: 'Cancels invoice {number} of {date} in full.',
  corrects: 'Corrects invoice {number} of {date}: the price is reduced by a partial refund (§ 17 UStG).',
  page: 'Page',
  note_small_business:
    'Steuerbefreiung für Kleinunternehmer: Gemäß § 19 UStG wird keine Umsatzsteuer berechnet. (Small business exempt from VAT: no VAT is charged.)',
  note_reverse_charge: 'Reverse charge: VAT to be accounted for by the recipient (Art. 196 Directive 2006/112/EC).',
  note_non_eu: 'Not subject to EU VAT: place of supply outside the EU.',
  note_oss: 'VAT of the member state of consumption, {country} (One-Stop-Shop).',
  note_domestic: '',
};

export type DocKey = keyof DocTexts;

export function docTexts(locale: string): (key: DocKey, params?: Record<string, string>) => string {
  const t = locale === 'de' ? de : en;
  return (key, params) => t[key].replace(/\{(\w+)\}/g, (m, n: string) => params?.[n] ?? m);
}

/** A date (YYYY-MM-DD…) as invoices print it: 02.03.2026, 02/03/2026. */
export function docDate(isoOrDate: string, locale: string): string {
  return new Date(`${isoOrDate.slice(0, 10)}T12:00:00Z`).toLocaleDateString(locale === 'de' ? 'de-DE' : 'en-GB', {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** The legal note an invoice of this scheme must carry ('' when none). */
export function schemeNoteKey(scheme: TaxScheme): DocKey {
  return `note_${scheme}`;
}
