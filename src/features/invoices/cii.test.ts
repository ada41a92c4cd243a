import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Invoice } from '../../db/schema.js';
import { TaxError, type TaxMode } from '../tax/categories.js';
import { buildCiiXml } from './cii.js';
import { type CiiFinding, loadCiiValidator, type ValidateCii } from './cii-validator.testing.js';
import { buildInvoiceDraft, cancellationOf, type LineInput, type Party } from './model.js';

const seller: Party = {
  name: 'Lena Schreiber Kursmanufaktur',
  street: 'Hauptstraße 5',
  postcode: '10115',
  city: 'Berlin',
  country: 'DE',
  email: '',
  vatId: 'DE136695976',
  taxNumber: '27/123/45678',
};
const buyer = (country: string, vatId: string | null = null): Party => ({
  name: 'Kim Buyer',
  street: '',
  postcode: '',
  city: '',
  country,
  email: 'kim@example.com',
  vatId,
  taxNumber: null,
});

function invoice(
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

const line = (over: Partial<LineInput> = {}): LineInput => ({
  title: 'Calm Spreadsheets (PDF)',
  quantity: 1,
  category: 'electronic_service',
  scheme: 'domestic',
  taxCountry: 'DE',
  rateBp: 1900,
  grossMinor: 1900,
  ...over,
});

const show = (errors: CiiFinding[]) => errors.map((e) => `${e.id}: ${e.text}`).join('\n');

describe('CII e-invoices pass the official EN 16931 rules', () => {
  let validate: ValidateCii;
  before(async () => {
    validate = await loadCiiValidator();
  });

  const cases: [string, () => Invoice][] = [
    ['B2C domestic', () => invoice([line()])],
    [
      'several rates and a quantity',
      () =>
        invoice(
          [
            line(),
            line({ title: 'E-Book', category: 'e_publication', rateBp: 700, grossMinor: 1299 }),
            line({ title: 'Templates', quantity: 3, grossMinor: 2997 }),
          ],
          { locale: 'en' },
        ),
    ],
    [
      'small business (§ 19 UStG)',
      () =>
        invoice([line({ scheme: 'small_business', rateBp: 0 })], {
          mode: 'small_business',
          seller: { ...seller, vatId: null },
        }),
    ],
    [
      'B2B reverse charge',
      () =>
        invoice([line({ scheme: 'reverse_charge', taxCountry: null, rateBp: 0 })], {
          buyer: buyer('AT', 'ATU13585627'),
        }),
    ],
    [
      'OSS destination VAT',
      () => invoice([line({ scheme: 'oss', taxCountry: 'FR', rateBp: 2000 })], { buyer: buyer('FR') }),
    ],
    ['non-EU buyer', () => invoice([line({ scheme: 'non_eu', taxCountry: null, rateBp: 0 })], { buyer: buyer('US') })],
    ['zero decimals (JPY)', () => invoice([line({ grossMinor: 1000 })], { currency: 'JPY' })],
  ];
  for (const [name, make] of cases) {
    test(name, () => {
      const r = validate(buildCiiXml(make()));
      assert.equal(r.valid, true, show(r.errors));
    });
  }

  test('credit note referencing the original', () => {
    const original = invoice([line(), line({ rateBp: 700, grossMinor: 500 })]);
    const c = cancellationOf({
      lines: JSON.parse(original.lines),
      breakdown: JSON.parse(original.breakdown),
      netMinor: original.net_minor,
      taxMinor: original.tax_minor,
      grossMinor: original.gross_minor,
    });
    const credit: Invoice = {
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
    const xml = buildCiiXml(credit, original);
    assert.match(xml, /<ram:TypeCode>381<\/ram:TypeCode>/);
    assert.match(xml, /<ram:IssuerAssignedID>RE-2026-00001<\/ram:IssuerAssignedID>/);
    const r = validate(xml);
    assert.equal(r.valid, true, show(r.errors));
  });

  test('three decimals (KWD) cannot be an EN 16931 invoice: a clear error', () => {
    assert.throws(
      () => buildCiiXml(invoice([line({ grossMinor: 1000 })], { currency: 'KWD' })),
      (e: unknown) => e instanceof TaxError && e.code === 'currency_decimals',
    );
  });
});
