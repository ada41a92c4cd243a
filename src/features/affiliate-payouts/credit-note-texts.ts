import type { CreditNoteScheme } from './credit-note.js';

/**
 * Wording printed on credit notes and in their XML, in the document's language
 * (like invoices' document-texts.ts: documents, not pages). The word
 * "Gutschrift" must appear on a self-billed invoice (§ 14 Abs. 4 Nr. 10 UStG),
 * in German even on the English one.
 */
const de = {
  title: 'Gutschrift',
  selfBilled: 'Abrechnung im Gutschriftverfahren (§ 14 Abs. 2 Satz 2 UStG): ausgestellt vom Leistungsempfänger.',
  number: 'Gutschriftsnummer',
  date: 'Datum',
  period: 'Leistungszeitraum',
  supplier: 'Leistender (Partner)',
  recipient: 'Leistungsempfänger',
  line: 'Vermittlungsprovision (Partnerprogramm), {period}',
  pos: 'Pos.',
  description: 'Beschreibung',
  amount: 'Betrag (netto)',
  totalNet: 'Summe netto',
  vatAt: 'USt. {rate} %',
  total: 'Auszahlungsbetrag',
  taxNumber: 'Steuernummer',
  vatId: 'USt-IdNr.',
  payment: 'Zahlung per SEPA-Überweisung auf IBAN {iban}.',
  note_domestic: '',
  note_small_business: 'Gemäß § 19 UStG wird keine Umsatzsteuer berechnet.',
  note_reverse_charge: 'Steuerschuldnerschaft des Leistungsempfängers (Reverse Charge).',
  note_non_eu: 'Nicht im Inland steuerbare Leistung (§ 3a UStG).',
  note_not_liable: 'Der Leistende ist kein Unternehmer: keine Umsatzsteuer.',
} as const;

type Texts = Record<keyof typeof de, string>;

const en: Texts = {
  title: 'Gutschrift (self-billed invoice)',
  selfBilled: 'Self-billing (§ 14 (2) sentence 2 UStG): issued by the recipient of the service.',
  number: 'Credit note number',
  date: 'Date',
  period: 'Period of service',
  supplier: 'Supplier (partner)',
  recipient: 'Recipient of the service',
  line: 'Referral commission (partner programme), {period}',
  pos: 'No.',
  description: 'Description',
  amount: 'Amount (net)',
  totalNet: 'Total net',
  vatAt: 'VAT {rate} %',
  total: 'Amount paid out',
  taxNumber: 'Tax number',
  vatId: 'VAT ID',
  payment: 'Paid by SEPA credit transfer to IBAN {iban}.',
  note_domestic: '',
  note_small_business:
    'Gemäß § 19 UStG wird keine Umsatzsteuer berechnet. (Small business exempt from VAT: no VAT is charged.)',
  note_reverse_charge: 'Reverse charge: VAT to be accounted for by the recipient (Art. 196 Directive 2006/112/EC).',
  note_non_eu: 'Not subject to VAT here: place of supply outside the EU.',
  note_not_liable: 'The supplier is not an entrepreneur: no VAT.',
};

export type CreditNoteTextKey = keyof Texts;

export function creditNoteTexts(locale: string): (key: CreditNoteTextKey, params?: Record<string, string>) => string {
  const t = locale === 'de' ? de : en;
  return (key, params) => t[key].replace(/\{(\w+)\}/g, (m, n: string) => params?.[n] ?? m);
}

export const noteKey = (scheme: CreditNoteScheme): CreditNoteTextKey => `note_${scheme}`;
