import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Invoice } from '../../db/schema.js';
import { TaxError } from '../tax/categories.js';
import { buildCiiXml } from './cii.js';
import { type CiiFinding, loadCiiValidator, type ValidateCii } from './cii-validator.testing.js';
import { buyer, creditNoteOf, invoice, line, seller } from './fixtures.testing.js';

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
    const credit = creditNoteOf(original);
    const xml = buildCiiXml(credit, original);
    assert.match(xml, /<ram:TypeCode>381<\/ram:TypeCode>/);
    assert.match(xml, /<ram:IssuerAssignedID>RE-2026-00001<\/ram:IssuerAssignedID>/);
    const r = validate(xml);
    assert.equal(r.valid, true, show(r.errors));
  });

  test('the issue date is the day on the seller’s clock, as the number’s year: 23:30 UTC on 31 December is 1 January in Berlin', () => {
    const original = { ...invoice([line()]), issued_at: '2026-12-31T23:30:00.000Z', year: 2027 };
    const xml = buildCiiXml(original);
    assert.match(xml, /<ram:IssueDateTime>\s*<udt:DateTimeString format="102">20270101</);
    const credit = { ...creditNoteOf(original), issued_at: '2027-01-05T23:30:00.000Z' };
    const creditXml = buildCiiXml(credit, original);
    assert.match(creditXml, /<ram:IssueDateTime>\s*<udt:DateTimeString format="102">20270106</);
    assert.match(creditXml, /<ram:FormattedIssueDateTime>\s*<qdt:DateTimeString format="102">20270101</);
    assert.equal(validate(creditXml).valid, true);
  });

  test('three decimals (KWD) cannot be an EN 16931 invoice: a clear error', () => {
    assert.throws(
      () => buildCiiXml(invoice([line({ grossMinor: 1000 })], { currency: 'KWD' })),
      (e: unknown) => e instanceof TaxError && e.code === 'currency_decimals',
    );
  });
});
