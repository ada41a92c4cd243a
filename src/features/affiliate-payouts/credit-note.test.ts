import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import '../index.js';
import { loadCiiValidator, type ValidateCii } from '../invoices/cii-validator.testing.js';
import type { Party } from '../invoices/model.js';
import {
  type CreditNoteDocument,
  creditNoteAmounts,
  decideCreditNoteTax,
  formatCreditNoteNumber,
  missingTaxDetails,
} from './credit-note.js';
import { buildCreditNoteCii } from './credit-note-cii.js';

const store: Party = {
  name: 'Lena Schreiber Medien',
  street: 'Hauptstraße 5',
  postcode: '10115',
  city: 'Berlin',
  country: 'DE',
  email: 'lena@example.com',
  vatId: 'DE136695976',
  taxNumber: '27/123/45678',
};
const affiliate = (over: Partial<Party> = {}): Party => ({
  name: 'Jürgen Größe',
  street: 'Lindenweg 2',
  postcode: '80331',
  city: 'München',
  country: 'DE',
  email: 'juergen@example.com',
  vatId: null,
  taxNumber: '143/456/78901',
  ...over,
});

function doc(
  seller: Party,
  tax: ReturnType<typeof decideCreditNoteTax>,
  locale: 'en' | 'de' = 'de',
): CreditNoteDocument {
  return {
    ...tax,
    ...creditNoteAmounts(12_345, tax.rateBp),
    number: formatCreditNoteNumber(2026, 7),
    issuedAt: '2026-12-01T02:00:00.000Z',
    period: '2026-12',
    locale,
    currency: 'EUR',
    seller,
    buyer: store,
    iban: 'DE02120300000000202051',
    partnerId: 'JUERGEN',
  };
}

describe('self-billed credit notes (Gutschrift)', () => {
  let validate: ValidateCii;
  before(async () => {
    validate = await loadCiiValidator();
  });

  it('decides VAT from the affiliate’s status and country', () => {
    const day = '2026-12-01';
    assert.deepEqual(decideCreditNoteTax({ vatStatus: 'regular', country: 'DE' }, 'DE', day), {
      scheme: 'domestic',
      rateBp: 1900,
    });
    assert.equal(
      decideCreditNoteTax({ vatStatus: 'small_business', country: 'DE' }, 'DE', day).scheme,
      'small_business',
    );
    assert.equal(decideCreditNoteTax({ vatStatus: 'regular', country: 'AT' }, 'DE', day).scheme, 'reverse_charge');
    assert.equal(decideCreditNoteTax({ vatStatus: 'regular', country: 'US' }, 'DE', day).scheme, 'non_eu');
    assert.equal(decideCreditNoteTax({ vatStatus: 'not_liable', country: 'DE' }, 'DE', day).scheme, 'not_liable');
  });

  it('puts 19 % on top of the net commission, in whole cents', () => {
    assert.deepEqual(creditNoteAmounts(12_345, 1900), { netMinor: 12_345, vatMinor: 2346, grossMinor: 14_691 });
    assert.deepEqual(creditNoteAmounts(5000, 0), { netMinor: 5000, vatMinor: 0, grossMinor: 5000 });
    assert.throws(() => creditNoteAmounts(0, 1900), RangeError);
  });

  it('formats numbers of its own sequence', () => {
    assert.equal(formatCreditNoteNumber(2026, 42), 'GS-2026-00042');
  });

  it('names what is missing before a credit note may be issued', () => {
    const full = {
      legal_name: 'J. Größe',
      street: 'Lindenweg 2',
      postcode: '80331',
      city: 'München',
      country: 'DE',
      vat_status: 'regular' as const,
      vat_id: null,
      tax_number: '143/456/78901',
      iban: 'DE02120300000000202051',
    };
    assert.deepEqual(missingTaxDetails(full, 'DE'), []);
    assert.deepEqual(missingTaxDetails({ ...full, tax_number: null }, 'DE'), ['tax_id']);
    assert.deepEqual(missingTaxDetails({ ...full, country: 'AT' }, 'DE'), ['vat_id']);
    assert.deepEqual(missingTaxDetails({ ...full, vat_status: 'not_liable', tax_number: null }, 'DE'), []);
    assert.deepEqual(missingTaxDetails({ ...full, iban: '', city: '' }, 'DE'), ['address', 'iban']);
  });

  const cases: [string, Party, ReturnType<typeof decideCreditNoteTax>][] = [
    ['regular German affiliate, 19 % VAT', affiliate({ vatId: 'DE811907980' }), { scheme: 'domestic', rateBp: 1900 }],
    ['regular German affiliate with a tax number only', affiliate(), { scheme: 'domestic', rateBp: 1900 }],
    ['small business (§ 19 UStG)', affiliate(), { scheme: 'small_business', rateBp: 0 }],
    [
      'EU business abroad, reverse charge',
      affiliate({ country: 'AT', vatId: 'ATU13585627', taxNumber: null, postcode: '1010', city: 'Wien' }),
      { scheme: 'reverse_charge', rateBp: 0 },
    ],
    ['private person, no VAT', affiliate({ taxNumber: null }), { scheme: 'not_liable', rateBp: 0 }],
    [
      'business outside the EU',
      affiliate({ country: 'US', taxNumber: '12-3456789', postcode: '10001', city: 'New York' }),
      { scheme: 'non_eu', rateBp: 0 },
    ],
  ];
  for (const [name, seller, tax] of cases) {
    it(`passes the EN 16931 rules as a self-billed invoice (389): ${name}`, () => {
      const xml = buildCreditNoteCii(doc(seller, tax));
      const r = validate(xml);
      assert.deepEqual(
        r.errors.map((e) => `${e.id}: ${e.text}`),
        [],
      );
      assert.match(xml, /<ram:TypeCode>389<\/ram:TypeCode>/);
      assert.match(xml, /Gutschrift/);
    });
  }

  it('shows the VAT on top for a regular affiliate and the § 19 note for a small business', () => {
    const regular = buildCreditNoteCii(doc(affiliate(), { scheme: 'domestic', rateBp: 1900 }));
    assert.match(regular, /<ram:GrandTotalAmount>146\.91<\/ram:GrandTotalAmount>/);
    assert.match(regular, /<ram:TaxTotalAmount currencyID="EUR">23\.46<\/ram:TaxTotalAmount>/);
    const small = buildCreditNoteCii(doc(affiliate(), { scheme: 'small_business', rateBp: 0 }));
    assert.match(small, /Gemäß § 19 UStG wird keine Umsatzsteuer berechnet\./);
    assert.match(small, /<ram:GrandTotalAmount>123\.45<\/ram:GrandTotalAmount>/);
  });

  it('the rules catch a broken credit note (the check is real)', () => {
    const xml = buildCreditNoteCii(doc(affiliate(), { scheme: 'domestic', rateBp: 1900 })).replace(
      '<ram:GrandTotalAmount>146.91',
      '<ram:GrandTotalAmount>150.00',
    );
    assert.equal(validate(xml).valid, false);
  });
});
