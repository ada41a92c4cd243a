import type { CsvLine } from './csv.js';

/**
 * Digistore24's purchase list names its columns in the account's language;
 * its API and IPN name the same facts in English (order_id, product_name,
 * amount_brutto…). Each field we read accepts the German header first, then
 * the documented parameter names; how sure we are of each: docs/import-formats.md.
 */
export const DS24_FIELDS = {
  orderId: ['Bestell-ID', 'Bestellnummer', 'order_id', 'purchase_id'],
  date: ['Bestelldatum', 'Erste Zahlung am', 'Datum', 'order_date_time', 'order_date', 'created_at'],
  productId: ['Produkt-ID', 'product_id'],
  productName: ['Produkt', 'Produktname', 'product_name'],
  firstName: ['Vorname', 'address_first_name', 'billing_first_name', 'first_name'],
  lastName: ['Nachname', 'address_last_name', 'billing_last_name', 'last_name'],
  email: ['E-Mail', 'E-Mail-Adresse', 'Email', 'address_email', 'email'],
  country: ['Land', 'address_country', 'billing_country', 'country'],
  amount: ['Gesamtbetrag', 'Bruttobetrag', 'Betrag', 'amount_brutto', 'amount'],
  currency: ['Währung', 'currency'],
  status: ['Zahlungsstatus', 'Status', 'payment_status'],
  billingType: ['Abrechnungstyp', 'billing_type'],
  interval: ['Zahlungsintervall', 'pay_interval', 'billing_interval'],
  paymentCount: ['Anzahl Zahlungen', 'number_of_payments', 'pay_sequence_no'],
  nextPayment: ['Nächste Zahlung am', 'next_payment_at'],
} as const;

export type Ds24Field = keyof typeof DS24_FIELDS;
const REQUIRED: Ds24Field[] = ['orderId', 'date', 'productName', 'email', 'amount'];

/** Header names compared without case, umlauts spelt out, punctuation and spaces dropped. */
export function normaliseHeader(name: string): string {
  return name
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]/g, '');
}

export type Ds24Columns = Partial<Record<Ds24Field, string>>;

/** Which header of the file holds each field (the first alias found). */
export function resolveColumns(header: readonly string[]): Ds24Columns {
  const byNormal = new Map<string, string>();
  for (const h of header) if (!byNormal.has(normaliseHeader(h))) byNormal.set(normaliseHeader(h), h);
  const found: Ds24Columns = {};
  for (const [field, aliases] of Object.entries(DS24_FIELDS) as [Ds24Field, readonly string[]][]) {
    const hit = aliases.map((a) => byNormal.get(normaliseHeader(a))).find((h) => h !== undefined);
    if (hit !== undefined) found[field] = hit;
  }
  return found;
}

/** The German names of the required fields no header holds. */
export function missingDs24Columns(header: readonly string[]): string[] {
  const found = resolveColumns(header);
  return REQUIRED.filter((f) => found[f] === undefined).map((f) => DS24_FIELDS[f][0]);
}

const resolved = new WeakMap<readonly string[], Ds24Columns>();
/** A line's cells by field, the header resolved once per file. */
export function fieldsOf(row: CsvLine): { get(field: Ds24Field): string; column(field: Ds24Field): string } {
  let columns = resolved.get(row.columns);
  if (!columns) {
    columns = resolveColumns(row.columns);
    resolved.set(row.columns, columns);
  }
  const map = columns;
  return {
    get: (field) => {
      const name = map[field];
      return name === undefined ? '' : row.get(name);
    },
    column: (field) => map[field] ?? DS24_FIELDS[field][0],
  };
}
